// Settings from the environment Stackwright gives the service (see README.md, "Configuration").
export const DEFAULT_PORT = 8080;

export function httpPort(env = process.env) {
  const port = Number(env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number from 0 to 65535, not "${env.PORT}"`);
  }
  return port;
}
