using System.ComponentModel.DataAnnotations;
using Afya.Api.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Afya.Api.Modules.Wearables;

// Wearables__MaxBatch, Wearables__FutureSkewSeconds, Wearables__RetentionMonths, ...
public sealed class WearablesOptions
{
    [Range(1, 50_000)]
    public int MaxBatch { get; set; } = 5000;

    // How far ahead of the server's clock a device's clock may run before its readings count as "from the future".
    [Range(0, 86_400)]
    public int FutureSkewSeconds { get; set; } = 300;

    // Raw readings older than this many months are dropped (whole partitions on PostgreSQL); hourly rows are kept.
    [Range(1, 1200)]
    public int RetentionMonths { get; set; } = 24;

    [Range(1, 24)]
    public int PartitionMonthsAhead { get; set; } = 3;

    // The aggregate NEWS2 score sums the latest reading of each parameter within this window.
    [Range(1, 1440)]
    public int News2WindowMinutes { get; set; } = 60;

    // Unacknowledged emergencies are sent again after this many minutes, until a doctor acknowledges them.
    [Range(1, 1440)]
    public int EmergencyResendMinutes { get; set; } = 10;
}

public static class WearablesModule
{
    public static WebApplicationBuilder AddWearables(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WearablesOptions>().BindConfiguration("Wearables").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ReadingStore>();
        services.AddScoped<AlertRules>();
        services.AddScoped<AlertNotices>();
        services.AddScoped<SyncServices>();
        services.AddScoped<Contracts.IVitalsIngest, Payloads.VitalsIngest>();
        services.AddScoped<Contracts.IVitalsReader, VitalsReaderService>();
        services.AddScoped<Contracts.IAlertsReader, AlertsReaderService>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DeviceTokenHandler>(DeviceTokenHandler.SchemeName, null)
            .AddPolicyScheme(DeviceTokenHandler.UserOrDeviceScheme, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(DeviceTokenHandler.Header) ? DeviceTokenHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme);
        services.AddPeriodicJob<WearablesStorageUpkeep>(TimeSpan.FromHours(1));
        services.AddPeriodicJob<ResendEmergencies>(TimeSpan.FromMinutes(1));
        return builder;
    }
}
