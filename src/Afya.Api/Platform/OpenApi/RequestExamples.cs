using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Afya.Api.Platform.OpenApi;

// Example bodies for the requests a newcomer sends first, as in the README, so the docs' "Try it out" and a
// generated client's samples start from something the API accepts.
public static class RequestExamples
{
    private static readonly Dictionary<string, string> ByOperation = new(StringComparer.Ordinal)
    {
        ["Register"] = """{"email": "amina@example.com", "password": "s3cure-pass", "first_name": "Amina"}""",
        ["Login"] = """{"email": "amina@example.com", "password": "s3cure-pass"}""",
        ["SendOtp"] = """{"phone_number": "0712345678", "purpose": "login"}""",
        ["VerifyOtp"] = """{"phone_number": "+254712345678", "code": "040536"}""",
        ["RegisterPatient"] = """{"email": "asha@example.com", "password": "s3cure-pass", "name": "Asha Patel", "aadhaar_number": "2341 2341 2346", "date_of_birth": "1990-04-12", "gender": "Female"}""",
        ["AddToCart"] = """{"product_id": "01a249ca-a830-742f-834a-4c68d2c12c79", "quantity": 1}""",
        ["PlaceOrder"] = """{"full_name": "John Kamau", "email": "john@example.com", "phone": "0712345678", "shipping_address": "123 Tom Mboya Street", "city": "Nairobi", "county": "Nairobi", "payment_method": "mpesa", "mpesa_phone": "0712345678", "notes": ""}""",
        ["PurchasePackage"] = """{"package_id": "01a249d3-3d5f-7e95-b9c7-ce41ff942b3a", "user_info": {"name": "Ahmed Al-Kuwait", "national_id": "123456789"}, "payment_method": "cash"}""",
        ["GrantConsent"] = """{"doctor_id": "01a249cf-932a-7682-90d0-4b519b5b60a6", "scope": "records", "purpose": "Second opinion", "expires_at": "2027-01-01T00:00:00Z"}""",
        ["RegisterDevice"] = """{"device_type": "watch", "manufacturer": "Acme", "model": "Pulse 3", "serial": "SN-1234"}""",
        ["SyncReadings"] = """{"readings": [{"metric": "heart_rate", "value": 72, "unit": "bpm", "measured_at": "2026-11-24T08:00:00Z"}]}""",
    };

    public static void Add(OpenApiOperation operation, IList<object> metadata)
    {
        var name = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        if (name is null || !ByOperation.TryGetValue(name, out var example)) return;
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType concrete)
            concrete.Example = JsonNode.Parse(example);
    }
}
