using Afya.Api.Admin;
using Afya.Api.Modules.Care;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Clinic;
using Afya.Api.Modules.Fhir;
using Afya.Api.Modules.Identity;
using Afya.Api.Modules.Notifications;
using Afya.Api.Modules.Orders;
using Afya.Api.Modules.Payments;
using Afya.Api.Modules.Shopping;
using Afya.Api.Modules.Wearables;
using Afya.Api.Platform;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Settings;

StartupFailure.ReportSettingsErrors();
var command = AfyaCli.IsCommand(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command ? [DevelopmentSecrets.CommandLineMarker] : args,
    EnvironmentName = RunMode.FromProcess(args),
});
builder.AddAfyaPlatform();
builder.AddNotifications();
builder.AddIdentity();
builder.AddCatalog();
builder.AddShopping();
builder.AddOrders();
builder.AddPayments();
builder.AddCare();
builder.AddClinic();
builder.AddWearables();
builder.AddStaffConsole();

var app = builder.Build();
if (command) return await AfyaCli.RunAsync(app.Services, app.Environment, args);

StartupFailure.ValidateOptions(app.Services);
app.UseAfyaPlatform();
app.MapIdentity();
app.MapIdentitySurfaces();
app.MapInitialAdmin();
app.MapDiraAuth();
app.MapDiraCatalog();
app.MapDiraHomepage();
app.MapDiraReviews();
app.MapDiraOrders();
app.MapDiraAdminUsers();
app.MapDiraCart();
app.MapDiraAdminCatalog();
app.MapDiraPayments();
app.MapNotifications();
app.MapCatalog();
app.MapShopping();
app.MapOrders();
app.MapPayments();
app.MapCare();
app.MapClinic();
app.MapWearables();
app.MapFhir();
app.MapShopDashboard();
app.MapStaffConsole();

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
    await DatabaseSetup.MigrateAsync(app.Services, app.Lifetime.ApplicationStopping);
await app.RunAsync();
return 0;

public partial class Program;
