namespace Afya.Api.Platform.Auth;

// Marks a route that judges its bearer itself (Dira's GET /auth/refresh-token takes a refresh token; the Daraja
// simulator checks its own OAuth tokens), so the invalid-bearer gate lets the handler decide.
public sealed record OwnBearerCheck;
