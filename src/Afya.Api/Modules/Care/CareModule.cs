using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Settings;
using Microsoft.AspNetCore.Authorization;

namespace Afya.Api.Modules.Care;

public static class CareModule
{
    public static WebApplicationBuilder AddCare(this WebApplicationBuilder builder)
    {
        DevelopmentSecrets.Require(builder.Configuration, builder.Environment, "Care:AadhaarKey", "AADHAR_ENCRYPTION_KEY (or Care__AadhaarKey)");
        var services = builder.Services;
        services.AddOptions<CareOptions>().BindConfiguration("Care")
            .Validate(o => o.AadhaarKey.Length >= 16, "AADHAR_ENCRYPTION_KEY (Care__AadhaarKey) must be at least 16 characters.")
            .ValidateOnStart();
        services.AddSingleton<PatientUids>();
        services.AddScoped<CareAccess>();
        services.AddScoped<CareGate>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<IAuthorizationHandler, PatientAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, DoctorChangeHandler>();
        // Replaces Identity's stand-in, which knows no records.
        services.AddScoped<IAccountLinks, CareAccountLinks>();
        services.AddSingleton<ISampleData, CareSampleData>();
        return builder;
    }
}
