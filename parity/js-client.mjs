// Runs the official JS client for one scenario and prints what it did, as JSON.
//
// Input (stdin): {"baseUrl", "projectUid", "url", "headers": {...}, "options": {...}}
// Output (stdout): {"cookies": [...], "userId", "variantParam", "aliases": [...]}
// The manifest request itself is recorded by the test's fake Edge server.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Personalize = require('@contentstack/personalize-edge-sdk');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const scenario = JSON.parse(input);

Personalize.setEdgeApiUrl(scenario.baseUrl);
const request = new Request(scenario.url, { headers: scenario.headers });
const sdk = await Personalize.init(scenario.projectUid, { ...scenario.options, request });
const response = new Response('');
await sdk.addStateToResponse(response);
process.stdout.write(JSON.stringify({
  cookies: response.headers.getSetCookie(),
  userId: sdk.getUserId(),
  variantParam: sdk.getVariantParam(),
  aliases: sdk.getVariantAliases(),
}));
