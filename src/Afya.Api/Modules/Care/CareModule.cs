using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Settings;
using Microsoft.AspNetCore.Authorization;

namespace Afya.Api.Modules.Care;

public static class CareModule
{
    public static WebApplicationBuilder AddCare(this WebApplicationBuilder builder)
    {
        DevelopmentSecrets.Require(builder.Configuration, builder.Environment, "Care:AadhaarKey", "AADHAR_ENCRYPTION_KEY (or Care__AadhaarKey)");
        DevelopmentSecrets.Require(builder.Configuration, builder.Environment, "Care:DocumentKey", "Care__DocumentKey (the documents master key)");
        var services = builder.Services;
        services.AddOptions<CareOptions>().BindConfiguration("Care")
            .Validate(o => o.AadhaarKey.Length >= 16, "AADHAR_ENCRYPTION_KEY (Care__AadhaarKey) must be at least 16 characters.")
            .Validate(o => o.DocumentKey.Length >= 16, "Care__DocumentKey must be at least 16 characters.")
            .Validate(o => o.MaxDocumentBytes > 0 && o.DocumentRequestHours > 0 && o.RequestConsentDays > 0,
                "Care__MaxDocumentBytes, Care__DocumentRequestHours and Care__RequestConsentDays must be above 0.")
            .ValidateOnStart();
        services.AddSingleton<PatientUids>();
        services.AddSingleton<HealthcareNumbers.NumberedJson>();
        services.AddScoped<CareAccess>();
        services.AddScoped<CareGate>();
        services.AddScoped<AuditTrail>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService<AuditCommitter>();
        services.AddScoped<DocumentVault>();
        services.AddScoped<Contracts.ICareRecords, CareRecordsService>();
        services.AddScoped<Contracts.ICarePatients, CarePatientsService>();
        services.AddScoped<Contracts.ICareDirectory, CareDirectoryService>();
        services.AddScoped<Contracts.ICareResources, CareResourcesService>();
        services.AddPeriodicJob<DocumentRequestExpiry>(TimeSpan.FromMinutes(5));
        services.AddScoped<IAuthorizationHandler, PatientAccessHandler>();
        services.AddScoped<IAuthorizationHandler, DoctorChangeHandler>();
        // Replaces Identity's stand-in, which knows no records.
        services.AddScoped<IAccountLinks, CareAccountLinks>();
        services.AddSingleton<ISampleData, CareSampleData>();
        return builder;
    }
}
