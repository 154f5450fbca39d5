using Afya.Api.Modules.Care.Data;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Platform;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Care;

public sealed record DocumentRequestInput([DocumentedRequired] string? PatientUid, [DocumentedRequired] Guid? HolderHospitalId, [DocumentedRequired] string? Purpose);

public sealed record FulfilInput([DocumentedRequired] IReadOnlyList<Guid>? DocumentIds);

public sealed record DocumentRequestResponse(Guid Id, Guid PatientId, Guid HolderHospitalId, Guid RequesterHospitalId, Guid? RequesterDoctorId,
    string Purpose, string Status, Guid? ConsentId, IReadOnlyList<Guid> DocumentIds, DateTime CreatedAt, DateTime? DecidedAt, DateTime? FulfilledAt)
{
    public static DocumentRequestResponse From(DocumentRequest r) => new(r.Id, r.PatientId, r.HolderHospitalId, r.RequesterHospitalId, r.RequesterDoctorId,
        r.Purpose, r.Status, r.ConsentId, r.Items.Select(i => i.DocumentId).ToList(), r.CreatedAt, r.DecidedAt, r.FulfilledAt);
}

public sealed record RequestServices(AfyaDb Db, CareGate Gate, CareAccess Access, IOutbox Outbox, IOptions<CareOptions> Options,
    TimeProvider Clock, CurrentUser Me, AuditTrail Audit);

// requested -> approved | denied -> fulfilled, or expired when nobody answers; each step mails the parties.
public static class DocumentRequests
{
    public static async Task<Results<Created<DocumentRequestResponse>, ProblemHttpResult>> Create(
        DocumentRequestInput input, [AsParameters] RequestServices s, CancellationToken ct)
    {
        s.Audit.Resource = "document-requests";
        if (await s.Access.HospitalOfAsync(s.Me.Id, ct) is not { } requester)
            return ApiProblem.Forbidden("Only a hospital's administrators and doctors request documents.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.PatientUid)) errors["patient_uid"] = ["The patient's universal id is required."];
        if (input.HolderHospitalId is null) errors["holder_hospital_id"] = ["Name the hospital that holds the documents."];
        else if (input.HolderHospitalId == requester) errors["holder_hospital_id"] = ["Your own hospital already holds its documents."];
        if (string.IsNullOrWhiteSpace(input.Purpose) || input.Purpose.Length > 500) errors["purpose"] = ["A purpose is required (at most 500 characters)."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        if (!await s.Db.Set<Hospital>().AnyAsync(h => h.Id == input.HolderHospitalId, ct)) return ApiProblem.Field("holder_hospital_id", "No such hospital.", "HOSPITAL_NOT_FOUND");
        var uid = input.PatientUid!.Trim().ToLowerInvariant();
        var patientId = await s.Db.Set<Patient>().Where(p => p.PatientUid == uid).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (patientId is null) return Patients.PatientNotFound();

        var request = new DocumentRequest
        {
            PatientId = patientId.Value, HolderHospitalId = input.HolderHospitalId!.Value, RequesterHospitalId = requester,
            RequesterDoctorId = await s.Db.Set<Doctor>().Where(d => d.UserId == s.Me.Id).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct),
            RequestedBy = s.Me.Id, Purpose = input.Purpose!.Trim(), CreatedAt = s.Clock.GetUtcNow().UtcDateTime,
        };
        s.Db.Add(request);
        await NotifyAsync(s.Db, s.Outbox, request, ct);
        await s.Db.SaveChangesAsync(ct);
        s.Audit.PatientId = request.PatientId;
        s.Audit.Resource = $"document-request:{request.Id}";
        return TypedResults.Created($"/api/v1/documents/requests/{request.Id}", DocumentRequestResponse.From(request));
    }

    public static async Task<Results<Ok<Page<DocumentRequestResponse>>, ProblemHttpResult>> List(
        HttpRequest http, [AsParameters] RequestServices s, CancellationToken ct)
    {
        s.Audit.Resource = "document-requests";
        var managed = s.Access.Managed(http.HttpContext.User).Select(p => p.Id);
        var hospital = await s.Access.HospitalOfAsync(s.Me.Id, ct);
        var query = s.Db.Set<DocumentRequest>().AsNoTracking().Include(r => r.Items)
            .Where(r => managed.Contains(r.PatientId) || (hospital != null && (r.RequesterHospitalId == hospital || r.HolderHospitalId == hospital)))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        return (await CareLists.PageAsync(http, query, DocumentRequestResponse.From, ct)).Then(page => TypedResults.Ok(page));
    }

    // The patient's yes: the request moves on and the requester gets a documents consent for the purpose.
    public static async Task<Results<Ok<DocumentRequestResponse>, ProblemHttpResult>> Approve(
        Guid id, [AsParameters] RequestServices s, CancellationToken ct) => await DecideAsync(id, approve: true, s, ct);

    public static async Task<Results<Ok<DocumentRequestResponse>, ProblemHttpResult>> Deny(
        Guid id, [AsParameters] RequestServices s, CancellationToken ct) => await DecideAsync(id, approve: false, s, ct);

    private static async Task<Results<Ok<DocumentRequestResponse>, ProblemHttpResult>> DecideAsync(
        Guid id, bool approve, RequestServices s, CancellationToken ct)
    {
        s.Audit.Resource = $"document-request:{id}";
        var request = await s.Db.Set<DocumentRequest>().Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null || !await s.Gate.CanAsync(request.PatientId, PatientOperation.Manage)) return RequestNotFound();
        var now = s.Clock.GetUtcNow().UtcDateTime;
        var status = approve ? RequestStatus.Approved : RequestStatus.Denied;
        await using var tx = await s.Db.Database.BeginTransactionAsync(ct);
        // One conditional statement, so a decision and the expiry job never both win.
        var moved = await s.Db.Set<DocumentRequest>().Where(r => r.Id == id && r.Status == RequestStatus.Requested)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, status).SetProperty(r => r.DecidedAt, now), ct);
        if (moved == 0) return NotPending(request.Status);
        request.Status = status;
        request.DecidedAt = now;
        if (approve)
        {
            var consent = new Consent
            {
                PatientId = request.PatientId, DoctorId = request.RequesterDoctorId,
                HospitalId = request.RequesterDoctorId is null ? request.RequesterHospitalId : null,
                Scope = ConsentScopes.Documents, Purpose = request.Purpose, CreatedAt = now, ExpiresAt = now.AddDays(s.Options.Value.RequestConsentDays),
            };
            s.Db.Add(consent);
            request.ConsentId = consent.Id;
        }
        await NotifyAsync(s.Db, s.Outbox, request, ct);
        await s.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(DocumentRequestResponse.From(request));
    }

    // The holder hospital attaches documents it holds for that patient.
    public static async Task<Results<Ok<DocumentRequestResponse>, ProblemHttpResult>> Fulfil(
        Guid id, FulfilInput input, [AsParameters] RequestServices s, CancellationToken ct)
    {
        s.Audit.Resource = $"document-request:{id}";
        var request = await s.Db.Set<DocumentRequest>().Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == id, ct);
        var hospital = await s.Access.HospitalOfAsync(s.Me.Id, ct);
        if (request is null || hospital is null || request.HolderHospitalId != hospital) return RequestNotFound();
        s.Audit.PatientId = request.PatientId;
        var ids = input.DocumentIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0) return ApiProblem.Field("document_ids", "Attach at least one document.");
        var held = await s.Db.Set<Document>().CountAsync(d => ids.Contains(d.Id) && d.PatientId == request.PatientId && d.HospitalId == hospital, ct);
        if (held != ids.Count) return ApiProblem.Field("document_ids", "Attach only documents your hospital holds for this patient.", "DOCUMENT_NOT_HELD");
        var now = s.Clock.GetUtcNow().UtcDateTime;
        await using var tx = await s.Db.Database.BeginTransactionAsync(ct);
        var moved = await s.Db.Set<DocumentRequest>().Where(r => r.Id == id && r.Status == RequestStatus.Approved)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RequestStatus.Fulfilled).SetProperty(r => r.FulfilledAt, now), ct);
        if (moved == 0) return NotPending(request.Status, RequestStatus.Approved);
        request.Status = RequestStatus.Fulfilled;
        request.FulfilledAt = now;
        foreach (var documentId in ids) request.Items.Add(new DocumentRequestItem { RequestId = id, DocumentId = documentId });
        await NotifyAsync(s.Db, s.Outbox, request, ct);
        await s.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(DocumentRequestResponse.From(request));
    }

    // The patient (when their record has an email) and both hospitals hear of each step.
    internal static async Task NotifyAsync(AfyaDb db, IOutbox outbox, DocumentRequest request, CancellationToken ct)
    {
        var patient = await db.Set<Patient>().AsNoTracking().Where(p => p.Id == request.PatientId).Select(p => new { p.Name, p.Email }).FirstAsync(ct);
        var hospitals = await db.Set<Hospital>().AsNoTracking().Where(h => h.Id == request.HolderHospitalId || h.Id == request.RequesterHospitalId)
            .ToDictionaryAsync(h => h.Id, ct);
        var holder = hospitals[request.HolderHospitalId];
        var requester = hospitals[request.RequesterHospitalId];
        foreach (var (email, name) in new[] { (patient.Email, patient.Name), (holder.Email, holder.Name), (requester.Email, requester.Name) })
        {
            if (string.IsNullOrWhiteSpace(email)) continue;
            outbox.Enqueue(db, new OutgoingEmail(email, "document_request", new Dictionary<string, string>
            {
                ["name"] = name, ["status"] = request.Status, ["purpose"] = request.Purpose, ["requester"] = requester.Name, ["holder"] = holder.Name,
            }, name));
        }
    }

    private static ProblemHttpResult RequestNotFound() => ApiProblem.NotFound("document request", "REQUEST_NOT_FOUND");

    private static ProblemHttpResult NotPending(string status, string wanted = RequestStatus.Requested) =>
        ApiProblem.Conflict("REQUEST_NOT_PENDING", $"This request is {status}; only a {wanted} one can take this step.");
}

// Requests nobody answered within Care__DocumentRequestHours expire; the parties are told.
internal sealed class DocumentRequestExpiry(AfyaDb db, IOutbox outbox, IOptions<CareOptions> options, TimeProvider clock) : IPeriodicJob
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddHours(-options.Value.DocumentRequestHours);
        var stale = await db.Set<DocumentRequest>().Where(r => r.Status == RequestStatus.Requested && r.CreatedAt < cutoff).OrderBy(r => r.CreatedAt).Take(200).ToListAsync(ct);
        var expired = 0;
        foreach (var request in stale)
        {
            var moved = await db.Set<DocumentRequest>().Where(r => r.Id == request.Id && r.Status == RequestStatus.Requested)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RequestStatus.Expired), ct);
            if (moved == 0) continue;
            request.Status = RequestStatus.Expired;
            await DocumentRequests.NotifyAsync(db, outbox, request, ct);
            expired++;
        }
        await db.SaveChangesAsync(ct);
        return expired;
    }
}
