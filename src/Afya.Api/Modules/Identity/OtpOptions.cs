using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

public sealed class OtpOptions
{
    public int Length { get; set; } = 6;
    public int LifetimeSeconds { get; set; } = 300;
    public int MaxAttempts { get; set; } = 5;
    public int ResendCooldownSeconds { get; set; } = 60;
    public int MaxSendsPerNumberPerHour { get; set; } = 5;
    public int MaxSendsPerAddressPerHour { get; set; } = 20;

    // OTP_ECHO: put the code in the send-otp answer for front-end work. Development only.
    public bool Echo { get; set; }
}

internal sealed class OtpOptionsValidator(IHostEnvironment environment) : IValidateOptions<OtpOptions>
{
    public ValidateOptionsResult Validate(string? name, OtpOptions o)
    {
        var failures = new List<string>();
        if (o.Length is < 4 or > 9) failures.Add($"Otp__Length must be between 4 and 9 digits; got {o.Length}.");
        if (o.LifetimeSeconds is < 30 or > 600) failures.Add($"Otp__LifetimeSeconds must be between 30 and 600; got {o.LifetimeSeconds}.");
        if (o.MaxAttempts < 1 || o.MaxSendsPerNumberPerHour < 1 || o.MaxSendsPerAddressPerHour < 1 || o.ResendCooldownSeconds < 0)
            failures.Add("Otp__MaxAttempts, Otp__MaxSendsPerNumberPerHour and Otp__MaxSendsPerAddressPerHour must be at least 1.");
        if (o.Echo && !environment.IsDevelopment()) failures.Add("OTP_ECHO (Otp__Echo) may only be on in Development.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
