namespace Afya.Api.Platform.Auth;

public static class Roles
{
    public const string Customer = "customer";
    public const string Patient = "patient";
    public const string Doctor = "doctor";
    public const string HospitalAdmin = "hospital_admin";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([Customer, Patient, Doctor, HospitalAdmin, Admin], StringComparer.Ordinal);

    public const string AdminPolicy = "admin";
}
