using System.Text.Json;
using System.Text.Json.Nodes;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Care;

// The Healthcare Backend's integer ids. On its surface (/api/patients, /api/doctors, /api/mappings) every patient,
// doctor and mapping is answered with its public number as `id` (the UUID in `uuid`; a mapping's `patient`, `doctor`
// and the details' ids are numbers too), and paths and bodies take the numbers. A number is only resolved to the row's
// UUID and handed to the native handler, whose access rules and audit entries are unchanged: a number nobody holds,
// or a record the caller may not read, is the same 404. Native routes keep answering and taking UUIDs.
public static class HealthcareNumbers
{
    public static async Task<Guid> PatientAsync(AfyaDb db, int number, CancellationToken ct) =>
        await db.Set<Patient>().Where(p => p.PublicNumber == number).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) ?? Guid.Empty;

    public static async Task<Guid> DoctorAsync(AfyaDb db, int number, CancellationToken ct) =>
        await db.Set<Doctor>().Where(d => d.PublicNumber == number).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct) ?? Guid.Empty;

    public static async Task<Guid> MappingAsync(AfyaDb db, int number, CancellationToken ct) =>
        await db.Set<Assignment>().Where(a => a.PublicNumber == number).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct) ?? Guid.Empty;

    // On the Healthcare group: the native answer, its ids swapped for numbers.
    internal sealed class Filter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var result = await next(context);
            var inner = result;
            while (inner is INestedHttpResult nested) inner = nested.Result;
            if (inner is not IValueHttpResult { Value: { } value }) return result;
            var items = value switch
            {
                IPage page => page.Items.Cast<object>().ToList(),
                PatientResponse or DoctorResponse or MappingResponse => null,
                _ => (List<object>?)[],
            };
            if (items is { Count: 0 } && value is not IPage) return result;
            var http = context.HttpContext;
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var numbers = await NumbersAsync(http.RequestServices.GetRequiredService<AfyaDb>(), items ?? [value], http.RequestAborted);
            var status = (inner as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            if (status == StatusCodes.Status201Created && numbers.Of(value) is { } created)
                http.Response.Headers.Location = $"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{created}/";
            if (items is null) return TypedResults.Json(Shape(value, numbers, json), json, statusCode: status);
            var list = new JsonArray();
            foreach (var item in items) list.Add(Shape(item, numbers, json));
            return TypedResults.Json(list, json, statusCode: status);
        }
    }

    private sealed record Numbers(Dictionary<Guid, int> Patients, Dictionary<Guid, int> Doctors, Dictionary<Guid, int> Mappings)
    {
        public int? Of(object value) => value switch
        {
            PatientResponse p => Patients.GetValueOrDefault(p.Id),
            DoctorResponse d => Doctors.GetValueOrDefault(d.Id),
            MappingResponse m => Mappings.GetValueOrDefault(m.Id),
            _ => null,
        };
    }

    private static async Task<Numbers> NumbersAsync(AfyaDb db, IReadOnlyList<object> values, CancellationToken ct)
    {
        var patients = values.OfType<PatientResponse>().Select(p => p.Id).Concat(values.OfType<MappingResponse>().Select(m => m.Patient)).Distinct().ToList();
        var doctors = values.OfType<DoctorResponse>().Select(d => d.Id).Concat(values.OfType<MappingResponse>().Select(m => m.Doctor)).Distinct().ToList();
        var mappings = values.OfType<MappingResponse>().Select(m => m.Id).Distinct().ToList();
        return new Numbers(
            patients.Count == 0 ? [] : await db.Set<Patient>().AsNoTracking().Where(p => patients.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.PublicNumber, ct),
            doctors.Count == 0 ? [] : await db.Set<Doctor>().AsNoTracking().Where(d => doctors.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.PublicNumber, ct),
            mappings.Count == 0 ? [] : await db.Set<Assignment>().AsNoTracking().Where(a => mappings.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.PublicNumber, ct));
    }

    private static JsonNode? Shape(object value, Numbers numbers, JsonSerializerOptions json)
    {
        var node = JsonSerializer.SerializeToNode(value, value.GetType(), json);
        if (node is not JsonObject body) return node;
        switch (value)
        {
            case PatientResponse p:
                Swap(body, p.Id, numbers.Patients);
                break;
            case DoctorResponse d:
                Swap(body, d.Id, numbers.Doctors);
                break;
            case MappingResponse m:
                Swap(body, m.Id, numbers.Mappings);
                body["patient"] = numbers.Patients.GetValueOrDefault(m.Patient);
                body["doctor"] = numbers.Doctors.GetValueOrDefault(m.Doctor);
                if (body["patient_details"] is JsonObject pd) Swap(pd, m.Patient, numbers.Patients);
                if (body["doctor_details"] is JsonObject dd) Swap(dd, m.Doctor, numbers.Doctors);
                break;
        }
        return body;
    }

    private static void Swap(JsonObject body, Guid id, Dictionary<Guid, int> numbers)
    {
        body["uuid"] = id;
        body["id"] = numbers.GetValueOrDefault(id);
    }
}
