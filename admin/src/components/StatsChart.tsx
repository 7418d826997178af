import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DayPoint } from '../../../server/src/contracts/dashboard';
import { useT } from '../useT';

/** Views and reactions per day. */
export const StatsChart = ({ points }: { points: DayPoint[] }) => {
  const t = useT();
  return (
    <div data-testid="newsroom-stats-chart" style={{ width: '100%', height: 280 }}>
      <ResponsiveContainer>
        <LineChart data={points}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="views" name={t('dashboard.views')} stroke="#4945ff" isAnimationActive={false} />
          <Line type="monotone" dataKey="reactions" name={t('dashboard.reactions')} stroke="#ee5e52" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
};
