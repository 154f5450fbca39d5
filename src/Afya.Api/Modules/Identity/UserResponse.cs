using Afya.Api.Modules.Identity.Data;
using System.Text.Json.Serialization;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Identity;

public sealed record UserResponse(
    Guid Id,
    string? Email,
    string? Username,
    string Name,
    string FirstName,
    string LastName,
    string? PhoneNumber,
    bool PhoneVerified,
    bool EmailVerified,
    string? NationalId,
    string? Address,
    string? City,
    string? County,
    string? AvatarUrl,
    IReadOnlyList<string> Roles,
    bool IsActive,
    DateTime CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? PatientId = null)
{
    // The clinic package in force, on the profile reads (/auth/me, Kuwait /api/user/profile); absent when none.
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Contracts.ProfilePackage? ActivePackage { get; init; }

    public static UserResponse From(User u, IFileStorage storage) => new(
        u.Id, u.Email, u.Username, u.Name, u.FirstName, u.LastName, u.PhoneNumber, u.PhoneVerified, u.EmailVerified,
        u.NationalId, u.Address, u.City, u.County, u.AvatarKey is null ? null : storage.UrlOf(u.AvatarKey),
        u.Roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToList(), u.IsActive, u.CreatedAt);
}

public sealed record AuthResponse(string Access, string Refresh, string TokenType, int ExpiresIn, UserResponse User)
{
    // The same tokens under Dira's names: its storefront reads access_token/refresh_token from POST /api/v1/auth/login.
    public string AccessToken => Access;
    public string RefreshToken => Refresh;

    public static AuthResponse From(TokenPair pair, UserResponse user) =>
        new(pair.Access, pair.Refresh, pair.TokenType, pair.ExpiresIn, user);
}

public sealed record MessageResponse(string Message);
