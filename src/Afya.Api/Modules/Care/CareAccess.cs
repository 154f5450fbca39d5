using System.Security.Claims;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Authorization;

namespace Afya.Api.Modules.Care;

// What is asked of a patient record: reading one scope of it, or managing it (update, delete, assign, consent).
public sealed record PatientOperation(string Name, string Scope) : IAuthorizationRequirement
{
    public static readonly PatientOperation ReadRecord = new("read", ConsentScopes.Records);
    public static readonly PatientOperation ReadDocuments = new("read", ConsentScopes.Documents);
    public static readonly PatientOperation ReadWearables = new("read", ConsentScopes.Wearables);
    public static readonly PatientOperation Manage = new("manage", ConsentScopes.All);
}

public sealed record PatientRef(Guid Id);

public sealed record DoctorChange : IAuthorizationRequirement
{
    public static readonly DoctorChange Instance = new();
}

// The one statement of who reaches which patient records. Queries, so lists and single reads agree:
// - the user who created the record, and the patient account linked to it, manage it;
// - a doctor account reads its assigned patients' records and wearables, and any scope a live consent to that doctor covers;
// - a hospital_admin reads what a live consent to their hospital covers;
// - admins have no reach of their own to medical content.
public sealed class CareAccess(AfyaDb db, TimeProvider clock)
{
    public IQueryable<Patient> Managed(ClaimsPrincipal user)
    {
        var me = UserId(user);
        return db.Set<Patient>().Where(p => p.CreatedBy == me || p.UserId == me);
    }

    public IQueryable<Patient> Readable(ClaimsPrincipal user, string scope)
    {
        var me = UserId(user);
        var now = clock.GetUtcNow().UtcDateTime;
        var asDoctor = user.HasClaim(CurrentUser.RoleClaim, Roles.Doctor);
        var asHospital = user.HasClaim(CurrentUser.RoleClaim, Roles.HospitalAdmin);
        var byAssignment = asDoctor && scope is ConsentScopes.Records or ConsentScopes.Wearables;
        // Most callers are neither: their statement is two indexed equalities, not three EXISTS switched off by parameters.
        if (ReadsOwnOnly(user)) return db.Set<Patient>().Where(p => p.CreatedBy == me || p.UserId == me);
        var doctors = db.Set<Doctor>().Where(d => d.UserId == me).Select(d => (Guid?)d.Id);
        var hospitals = db.Set<HospitalStaff>().Where(s => s.UserId == me).Select(s => (Guid?)s.HospitalId);
        var live = db.Set<Consent>().Where(c => c.RevokedAt == null && c.ExpiresAt > now && (c.Scope == scope || c.Scope == ConsentScopes.All));
        return db.Set<Patient>().Where(p => p.CreatedBy == me || p.UserId == me
            || (byAssignment && db.Set<Assignment>().Any(a => a.PatientId == p.Id && doctors.Contains((Guid?)a.DoctorId)))
            || (asDoctor && live.Any(c => c.PatientId == p.Id && doctors.Contains(c.DoctorId)))
            || (asHospital && live.Any(c => c.PatientId == p.Id && hospitals.Contains(c.HospitalId))));
    }

    // A caller who is neither a doctor nor a hospital administrator reads exactly the records they manage, in every scope.
    public static bool ReadsOwnOnly(ClaimsPrincipal user) =>
        !user.HasClaim(CurrentUser.RoleClaim, Roles.Doctor) && !user.HasClaim(CurrentUser.RoleClaim, Roles.HospitalAdmin);

    // The records a caller manages (the same rows as Managed), as two arms: those they created, in the order of the index
    // (created_by, created_at DESC, id DESC), and the one linked to their account that they did not create. Ordered by
    // created_at and id, SQLite merges the two arms as they come (MERGE (UNION ALL)) instead of collecting an OR of two
    // indexes into a temporary B-tree to sort; PostgreSQL merges them as well (docs/PERFORMANCE.md).
    public static IQueryable<Patient> Own(AfyaDb db, Guid me) =>
        db.Set<Patient>().Where(p => p.CreatedBy == me).Concat(db.Set<Patient>().Where(p => p.UserId == me && p.CreatedBy != me));

    // Consents seen: those of records the caller manages, and those granted to the caller's doctor entry or hospital
    // (revoked and expired ones included, so a grantee sees why access ended).
    public IQueryable<Consent> VisibleConsents(ClaimsPrincipal user)
    {
        var me = UserId(user);
        var managed = Managed(user).Select(p => p.Id);
        var doctors = db.Set<Doctor>().Where(d => d.UserId == me).Select(d => (Guid?)d.Id);
        var hospitals = db.Set<HospitalStaff>().Where(s => s.UserId == me).Select(s => (Guid?)s.HospitalId);
        return db.Set<Consent>().Where(c => managed.Contains(c.PatientId) || doctors.Contains(c.DoctorId) || hospitals.Contains(c.HospitalId));
    }

    // The hospital a staff account acts for: the one it administers, else the one its doctor entry works at.
    public async Task<Guid?> HospitalOfAsync(Guid userId, CancellationToken ct) =>
        await db.Set<HospitalStaff>().Where(s => s.UserId == userId).Select(s => (Guid?)s.HospitalId).FirstOrDefaultAsync(ct)
        ?? await db.Set<Doctor>().Where(d => d.UserId == userId).Select(d => d.HospitalId).FirstOrDefaultAsync(ct);

    // The hospital the caller administers (hospital_admin and one of its staff), if any.
    public Task<Guid?> AdministeredHospitalAsync(CurrentUser me, CancellationToken ct) =>
        me.IsInRole(Roles.HospitalAdmin)
            ? db.Set<HospitalStaff>().Where(s => s.UserId == me.Id).Select(s => (Guid?)s.HospitalId).FirstOrDefaultAsync(ct)
            : Task.FromResult<Guid?>(null);

    public static Guid UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(CurrentUser.SubjectClaim), out var id) ? id : Guid.Empty;
}

// Endpoints ask IAuthorizationService; this answers for patient records and notes the patient for the audit entry.
internal sealed class PatientAccessHandler(CareAccess access, AuditTrail audit, IHttpContextAccessor http)
    : AuthorizationHandler<PatientOperation, PatientRef>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PatientOperation requirement, PatientRef resource)
    {
        audit.PatientId ??= resource.Id;
        var query = requirement.Name == "manage" ? access.Managed(context.User) : access.Readable(context.User, requirement.Scope);
        if (await query.AnyAsync(p => p.Id == resource.Id, http.HttpContext?.RequestAborted ?? default)) context.Succeed(requirement);
    }
}

// The doctor directory is read by every signed-in user; its creator, an admin or the administrator of the hospital the
// doctor works at changes an entry (only the last links it to an account: Doctors.LinkRefusal).
internal sealed class DoctorChangeHandler(AfyaDb db, IHttpContextAccessor http) : AuthorizationHandler<DoctorChange, Doctor>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, DoctorChange requirement, Doctor resource)
    {
        var me = CareAccess.UserId(context.User);
        if (resource.CreatedBy == me || context.User.HasClaim(CurrentUser.RoleClaim, Roles.Admin)
            || context.User.HasClaim(CurrentUser.RoleClaim, Roles.HospitalAdmin) && resource.HospitalId is { } hospital
                && await db.Set<HospitalStaff>().AnyAsync(s => s.UserId == me && s.HospitalId == hospital, http.HttpContext?.RequestAborted ?? default))
            context.Succeed(requirement);
    }
}

// What handlers call: the current caller, asked through the authorization service.
public sealed class CareGate(IAuthorizationService authorization, IHttpContextAccessor http)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public async Task<bool> CanAsync(Guid patientId, PatientOperation operation) =>
        (await authorization.AuthorizeAsync(User, new PatientRef(patientId), operation)).Succeeded;

    public async Task<bool> CanChangeAsync(Doctor doctor) =>
        (await authorization.AuthorizeAsync(User, doctor, DoctorChange.Instance)).Succeeded;
}
