namespace Afya.Api.Platform.Auth;

// Marks a route whose bearer may be a refresh token rather than an access token (Dira's GET /auth/refresh-token),
// so the invalid-bearer gate lets the handler judge it.
public sealed record AcceptsRefreshBearer;

// Marks routes whose bearer tokens are not Afya's (the Daraja simulator checks its own OAuth tokens), so the
// invalid-bearer gate leaves them to their own check.
public sealed record ForeignBearer;
