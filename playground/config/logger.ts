// LOG_LEVEL=warn keeps the integration tests' output readable.
export default {
  level: process.env.LOG_LEVEL ?? 'http',
};
