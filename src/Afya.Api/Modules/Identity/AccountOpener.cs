using Afya.Api.Modules.Identity.Contracts;

namespace Afya.Api.Modules.Identity;

internal sealed class AccountOpener(AccountCreator creator) : IAccountOpener
{
    public async Task<(OpenedAccount? Account, ProblemHttpResult? Problem)> OpenAsync(NewAccount account, string role, CancellationToken ct)
    {
        var (user, tokens, problem) = await creator.CreateAsync(
            new RegisterRequest(account.Email, account.Password, null, null, null, account.Name, account.PhoneNumber), issueTokens: true, ct, role: role);
        if (problem is not null) return (null, problem);
        return (new OpenedAccount(user!.Id, user.Email!, user.Name, tokens!.Access, tokens.Refresh, tokens.TokenType, tokens.ExpiresIn), null);
    }
}

// Until a module links records to accounts, an account has none.
internal sealed class NoAccountLinks : IAccountLinks
{
    public Task<Guid?> PatientIdAsync(Guid userId, CancellationToken ct) => Task.FromResult<Guid?>(null);
}
