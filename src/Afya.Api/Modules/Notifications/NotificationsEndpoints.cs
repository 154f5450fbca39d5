using Afya.Api.Platform.Audit;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Notifications;

public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/notifications").WithTags("Admin: notifications").RequireAuthorization(Roles.AdminPolicy).WithStaffAudit()
            .RequireRateLimiting(RateLimits.PerClient);
        admin.MapGet("/", AdminNotifications.List).WithName("AdminListNotifications")
            .WithSummary("Outgoing messages, filtered by status (pending, sent, failed, dead) and channel").Problem(400, "INVALID_FILTER", "INVALID_PAGE");
        admin.MapPost("/{id:guid}/retry", AdminNotifications.Retry).WithName("AdminRetryNotification")
            .WithSummary("Queue a failed or dead message again").NotFoundProblem().Problem(409, "NOT_RETRYABLE");
        admin.MapPost("/{id:guid}/discard", AdminNotifications.Discard).WithName("AdminDiscardNotification")
            .WithSummary("Never send a message that has not gone out: it becomes dead, marked as discarded").NotFoundProblem().Problem(409, "NOT_DISCARDABLE");
        return app;
    }
}
