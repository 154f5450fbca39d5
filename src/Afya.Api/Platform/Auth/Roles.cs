namespace Afya.Api.Platform.Auth;

public static class Roles
{
    public const string Customer = "customer";
    public const string Patient = "patient";
    public const string Doctor = "doctor";
    public const string HospitalAdmin = "hospital_admin";
    public const string Admin = "admin";

    // A field technician who fits and services devices at customers' addresses (Dira's service_tech): sees and updates
    // the appointments assigned to them.
    public const string ServiceTech = "service_tech";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([Customer, Patient, Doctor, HospitalAdmin, Admin, ServiceTech], StringComparer.Ordinal);

    public const string AdminPolicy = "admin";
}
