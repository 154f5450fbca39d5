namespace Afya.Api.Platform.Auth;

// Marks a route whose bearer may be a refresh token rather than an access token (Dira's GET /auth/refresh-token),
// so the invalid-bearer gate lets the handler judge it.
public sealed record AcceptsRefreshBearer;
