// Does a Docker engine answer? A GET /_ping on each place it may listen (stack-choice.mjs), with
// Node alone: no docker client needed.
import http from 'node:http';
import os from 'node:os';
import { dockerEndpoints } from './stack-choice.mjs';

const PING_TIMEOUT_MS = 1000;

function ping(endpoint) {
  const url = new URL(endpoint);
  const target =
    url.protocol === 'unix:' ? { socketPath: url.pathname } : { host: url.hostname, port: Number(url.port || 2375) };
  return new Promise((resolve) => {
    const request = http.get({ ...target, path: '/_ping', timeout: PING_TIMEOUT_MS }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** The first endpoint whose engine answers, or undefined. */
export async function answeringDockerEndpoint(env = process.env) {
  for (const endpoint of dockerEndpoints(env, os.homedir())) {
    if (endpoint.startsWith('npipe:') || endpoint.startsWith('ssh:')) return endpoint; // not pingable here: trust it
    if (await ping(endpoint)) return endpoint;
  }
  return undefined;
}
