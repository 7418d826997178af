import adminDashboard from './dashboard';
import adminRankings from './rankings';
import adminRelated from './related';
import adminSettings from './settings';

export default {
  'admin-dashboard': adminDashboard,
  'admin-rankings': adminRankings,
  'admin-related': adminRelated,
  'admin-settings': adminSettings,
};
