using Afya.Api.Admin.Care;
using Afya.Api.Modules.Care;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Mvc;

namespace Afya.Api.Admin.Pages.Care;

// A document's content, through GET /documents/{id}/content's handler (decrypted only for the documents scope).
public sealed class DocumentModel(CareConsole care, CareGate gate, AfyaDb db, DocumentVault vault, AuditTrail audit) : ConsolePageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await care.AuditedAsync("document.read", () => Modules.Care.Documents.Content(id, gate, db, vault, audit, ct));
        if (result.Result is FileContentHttpResult file) return File(file.FileContents.ToArray(), file.ContentType ?? "application/octet-stream", file.FileDownloadName);
        return NotFoundPage();
    }
}
