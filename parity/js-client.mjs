// Runs the official JS client for one scenario and prints what it did, as JSON.
//
// Input (stdin): {"baseUrl", "projectUid", "url", "headers": {...}, "options": {...}, "actions": [...]}
//   each action one of
//     {"kind": "impressions", "experienceShortUids": [...]}  sdk.triggerImpressions({experienceShortUids})
//     {"kind": "aliases", "aliases": [...]}                  sdk.triggerImpressions({aliases})
//     {"kind": "event", "eventKey": "..."}                   sdk.triggerEvent(eventKey)
//     {"kind": "set", "attributes": "<JSON object text>"}    sdk.set(JSON.parse(attributes))
//     {"kind": "setUserId", "userId": "...", "merge": bool}  sdk.setUserId(userId[, {preserveUserAttributes: true}])
// Output (stdout): {"cookies": [...], "userId", "variantParam", "aliases": [...]}, read after the actions.
//
// Every request the client makes is recorded by the test's fake Edge server. After init and after
// each action this script (not the client) calls `GET <baseUrl>/__parity/mark/<n>` with Node's own
// fetch, so the test can tell which requests each step made; the marks are not compared.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Personalize = require('@contentstack/personalize-edge-sdk');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const scenario = JSON.parse(input);

async function mark(step) {
  const answer = await fetch(`${scenario.baseUrl}/__parity/mark/${step}`);
  await answer.text();
}

Personalize.setEdgeApiUrl(scenario.baseUrl);
const request = new Request(scenario.url, { headers: scenario.headers });
const sdk = await Personalize.init(scenario.projectUid, { ...scenario.options, request });
await mark(0);

for (const [index, action] of (scenario.actions ?? []).entries()) {
  switch (action.kind) {
    case 'impressions':
      await sdk.triggerImpressions({ experienceShortUids: action.experienceShortUids });
      break;
    case 'aliases':
      await sdk.triggerImpressions({ aliases: action.aliases });
      break;
    case 'event':
      await sdk.triggerEvent(action.eventKey);
      break;
    case 'set':
      // Parsed here, as a JS caller's object literal would be: JS key order applies.
      await sdk.set(JSON.parse(action.attributes));
      break;
    case 'setUserId':
      if (action.merge) {
        await sdk.setUserId(action.userId, { preserveUserAttributes: true });
      } else {
        await sdk.setUserId(action.userId);
      }
      break;
    default:
      throw new Error(`unknown action ${JSON.stringify(action)}`);
  }
  await mark(index + 1);
}

const response = new Response('');
await sdk.addStateToResponse(response);
process.stdout.write(JSON.stringify({
  cookies: response.headers.getSetCookie(),
  userId: sdk.getUserId(),
  variantParam: sdk.getVariantParam(),
  aliases: sdk.getVariantAliases(),
}));
