using Afya.Api.Admin;
using Afya.Api.Modules.Appointments;
using Afya.Api.Modules.Care;
using Afya.Api.Modules.Catalog;
using Afya.Api.Modules.Clinic;
using Afya.Api.Modules.Coupons;
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
builder.AddCoupons();
builder.AddOrders();
builder.AddPayments();
builder.AddCare();
builder.AddClinic();
builder.AddWearables();
builder.AddAppointments();
builder.AddStaffConsole();

var app = builder.Build();
if (command) return await AfyaCli.RunAsync(app.Services, app.Environment, args);

StartupFailure.ValidateOptions(app.Services);
var routes = app.UseAfyaPlatform();
routes.MapIdentity();
routes.MapIdentitySurfaces();
routes.MapInitialAdmin();
routes.MapDiraAuth();
routes.MapDiraCatalog();
routes.MapDiraHomepage();
routes.MapDiraReviews();
routes.MapDiraOrders();
routes.MapDiraAdminUsers();
routes.MapDiraCart();
routes.MapDiraShopping();
routes.MapDiraAdminCatalog();
routes.MapDiraSuppliers();
routes.MapDiraPayments();
routes.MapDiraAppointments();
routes.MapNotifications();
routes.MapCatalog();
routes.MapShopping();
routes.MapCoupons();
routes.MapOrders();
routes.MapPayments();
routes.MapCare();
routes.MapClinic();
routes.MapWearables();
routes.MapAppointments();
routes.MapFhir();
routes.MapShopDashboard();
app.MapStaffConsole();

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
    await DatabaseSetup.MigrateAsync(app.Services, app.Lifetime.ApplicationStopping);
await app.RunAsync();
return 0;

public partial class Program;
