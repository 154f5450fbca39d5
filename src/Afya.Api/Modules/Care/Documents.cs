using Microsoft.AspNetCore.Mvc;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Care;

public sealed record DocumentResponse(Guid Id, Guid PatientId, Guid? HospitalId, string Type, string Title, string ContentType, long SizeBytes,
    Guid UploadedBy, DateTime CreatedAt)
{
    public static DocumentResponse From(Document d) => new(d.Id, d.PatientId, d.HospitalId, d.Type, d.Title, d.ContentType, d.SizeBytes, d.UploadedBy, d.CreatedAt);
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Bound by minimal APIs.")]
public sealed record DocumentServices(AfyaDb Db, CareGate Gate, CareAccess Access, DocumentVault Vault, IOptions<CareOptions> Options,
    TimeProvider Clock, CurrentUser Me, AuditTrail Audit);

public static class Documents
{
    // multipart/form-data: file, patient_id, type, title. Whoever manages the record, or may read its documents, adds to it.
    public static async Task<Results<Created<DocumentResponse>, ProblemHttpResult>> Upload(
        HttpRequest http, [AsParameters] DocumentServices s, CancellationToken ct)
    {
        s.Audit.Resource = "documents";
        if (!http.HasFormContentType)
            return ApiProblem.Of(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Send the document as multipart/form-data.");
        var form = await http.ReadFormAsync(ct);
        if (!Guid.TryParse(form["patient_id"], out var patientId)) return ApiProblem.Field("patient_id", "A patient id is required.");
        if (!await s.Gate.CanAsync(patientId, PatientOperation.Manage) && !await s.Gate.CanAsync(patientId, PatientOperation.ReadDocuments))
            return Patients.PatientNotFound();

        var type = form["type"].ToString() is { Length: > 0 } t ? t : "other";
        var errors = new Dictionary<string, string[]>();
        if (!DocumentTypes.Known.Contains(type)) errors["type"] = ["Type must be one of " + string.Join(", ", DocumentTypes.Known) + "."];
        var title = form["title"].ToString().Trim();
        if (title.Length > 200) errors["title"] = ["Must be at most 200 characters."];
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) errors["file"] = ["Attach the document as the 'file' field."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        if (file!.Length > s.Options.Value.MaxDocumentBytes)
            return ApiProblem.Of(StatusCodes.Status413PayloadTooLarge, "DOCUMENT_TOO_LARGE", $"Documents are limited to {s.Options.Value.MaxDocumentBytes / (1024 * 1024)} MB.");

        byte[] bytes;
        await using (var stream = file.OpenReadStream())
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        if (DocumentVault.Sniff(bytes) is not { } contentType)
            return ApiProblem.Of(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_DOCUMENT", "Documents must be PDF, JPEG or PNG.");

        var (storageKey, wrapped) = await s.Vault.StoreAsync(bytes, ct);
        var document = new Document
        {
            PatientId = patientId, HospitalId = await s.Access.HospitalOfAsync(s.Me.Id, ct), UploadedBy = s.Me.Id, Type = type,
            Title = title.Length > 0 ? title : Path.GetFileName(file.FileName) is { Length: > 0 and <= 200 } name ? name : type,
            ContentType = contentType, SizeBytes = bytes.Length, StorageKey = storageKey, WrappedKey = wrapped, CreatedAt = s.Clock.GetUtcNow().UtcDateTime,
        };
        s.Db.Add(document);
        await s.Db.SaveChangesAsync(ct);
        s.Audit.Resource = $"document:{document.Id}";
        return TypedResults.Created($"/api/v1/documents/{document.Id}", DocumentResponse.From(document));
    }

    public static async Task<Results<Ok<Page<DocumentResponse>>, ProblemHttpResult>> List(
        HttpRequest http, [FromQuery(Name = "patient_id")] Guid? patientId, CareGate gate, AfyaDb db, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = "documents";
        if (patientId is not { } id) return ApiProblem.Field("patient_id", "Name the patient (?patient_id=).");
        if (!await gate.CanAsync(id, PatientOperation.ReadDocuments)) return Patients.PatientNotFound();
        var query = db.Set<Document>().AsNoTracking().Where(d => d.PatientId == id).OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id);
        return (await CareLists.PageAsync(http, query, DocumentResponse.From, ct)).Then(page => TypedResults.Ok(page));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Content(
        Guid id, CareGate gate, AfyaDb db, DocumentVault vault, AuditTrail audit, CancellationToken ct)
    {
        audit.Resource = $"document:{id}";
        var document = await db.Set<Document>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null || !await gate.CanAsync(document.PatientId, PatientOperation.ReadDocuments))
            return ApiProblem.NotFound("document", "DOCUMENT_NOT_FOUND");
        var bytes = await vault.ReadAsync(document.StorageKey, document.WrappedKey, ct);
        var extension = document.ContentType switch { "application/pdf" => ".pdf", "image/png" => ".png", _ => ".jpg" };
        return TypedResults.File(bytes, document.ContentType, $"{document.Type}-{document.Id}{extension}");
    }
}
