import { randomBytes } from 'crypto';

// Secrets for throw-away test instances; a developer's playground/.env is not needed.
const secret = (): string => randomBytes(16).toString('base64');
const defaults: Record<string, string> = {
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  ENCRYPTION_KEY: secret(),
  JWT_SECRET: secret(),
  LOG_LEVEL: 'warn',
  // Tests count from zero; the demo's synthetic view history is checked on its own (demo-seed).
  DEMO_VIEWS: 'false',
  NODE_ENV: 'test',
};
for (const [key, value] of Object.entries(defaults)) process.env[key] ??= value;
