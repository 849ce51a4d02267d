// A real OpenID Connect provider on loopback for the sign-in tests: the certified `oidc-provider`
// package from npm (a devDependency), with one confidential client and test accounts.
//
//   OIDC_TEST_CONFIG='{"client_id": "...", "client_secret": "...", "redirect_uris": ["..."],
//                      "accounts": {"someone": {"email": "...", "email_verified": true,
//                                               "name": "...", "amr": ["pwd", "mfa"]}}}'
//   node tests/accounts/oidc_provider.mjs
//
// It listens on a free port of 127.0.0.1 and prints one JSON line, {"issuer": "http://127.0.0.1:PORT"}.
// Its login page is the test's stand-in for a person signing in at their organisation:
// GET /interaction/UID?login=ACCOUNT signs in as that account with its `amr`, then consent is given.
// It stops when its standard input closes (the test that started it has finished or died).
import http from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG || '{}');
const accounts = config.accounts || {};
let provider;

async function interaction(req, res, uid, url) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    res.writeHead(400).end('interaction does not match its cookie');
    return;
  }
  if (details.prompt.name === 'login') {
    const login = url.searchParams.get('login');
    const account = accounts[login];
    if (!account) {
      res.writeHead(400).end('unknown test account');
      return;
    }
    const result = { login: { accountId: login, amr: account.amr, remember: false } };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    return;
  }
  if (details.prompt.name === 'consent') {
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    const missing = details.prompt.details.missingOIDCScope;
    if (missing) grant.addOIDCScope(missing.join(' '));
    const missingClaims = details.prompt.details.missingOIDCClaims;
    if (missingClaims) grant.addOIDCClaims(missingClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  res.writeHead(400).end(`unexpected prompt ${details.prompt.name}`);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, provider.issuer);
  const match = url.pathname.match(/^\/interaction\/([\w-]+)$/);
  if (match) {
    interaction(req, res, match[1], url).catch((error) => {
      res.writeHead(500).end(String(error));
    });
    return;
  }
  provider.callback()(req, res);
});

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: config.client_id,
        client_secret: config.client_secret,
        redirect_uris: config.redirect_uris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    async findAccount(ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: account.email_verified, name: account.name };
        },
      };
    },
    claims: {
      acr: null, auth_time: null, iss: null, sid: null,
      openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'],
    },
    // Put the email claims in the ID token, as Microsoft Entra ID and Google do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, it) => `/interaction/${it.uid}` },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    pkce: { required: () => true },
  });
  provider.on('server_error', (ctx, error) => process.stderr.write(`server_error ${error}\n`));
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
