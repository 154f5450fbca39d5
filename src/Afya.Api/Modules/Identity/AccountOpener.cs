using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Identity;

internal sealed class AccountOpener(AccountCreator creator) : IAccountOpener
{
    public async Task<Result<OpenedAccount>> OpenAsync(NewAccount account, string role, CancellationToken ct) =>
        (await creator.CreateAsync(
            new RegisterRequest(account.Email, account.Password, null, null, null, account.Name, account.PhoneNumber), issueTokens: true, ct, role: role))
        .Map(a => new OpenedAccount(a.User.Id, a.User.Email!, a.User.Name, a.Tokens!.Access, a.Tokens.Refresh, a.Tokens.TokenType, a.Tokens.ExpiresIn));
}

// Until a module links records to accounts, an account has none.
internal sealed class NoAccountLinks : IAccountLinks
{
    public Task<Guid?> PatientIdAsync(Guid userId, CancellationToken ct) => Task.FromResult<Guid?>(null);
}
