import { runsBackgroundWork } from '../../server/src/background';

describe('background work', () => {
  const node = '/usr/bin/node';

  it('runs in a server, a test or a console', () => {
    expect(runsBackgroundWork([node, '/app/node_modules/.bin/strapi', 'start'], {})).toBe(true);
    expect(runsBackgroundWork([node, '/app/node_modules/@strapi/strapi/bin/strapi.js', 'develop'], {})).toBe(true);
    expect(runsBackgroundWork([node, '/repo/node_modules/jest/bin/jest.js', 'import'], {})).toBe(true);
  });

  it('is off when Strapi loads the app to import, export or transfer data', () => {
    for (const command of ['import', 'export', 'transfer']) {
      expect(runsBackgroundWork([node, '/app/node_modules/.bin/strapi', command, '-f', 'backup.tar.gz'], {})).toBe(false);
      expect(runsBackgroundWork([node, '/app/node_modules/@strapi/strapi/bin/strapi.js', command], {})).toBe(false);
    }
  });

  it('is off in a script that says so', () => {
    expect(runsBackgroundWork([node, '/app/scripts/migrate.js'], { NEWSROOM_BACKGROUND: 'off' })).toBe(false);
  });
});
