using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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

    // On the Healthcare group: the native answer written by the numbered contract. The answers carry their rows'
    // numbers, so a read costs no query and no re-serialization; only a row just inserted on SQLite (whose number a
    // trigger sets after EF has read the row back) is looked up.
    internal sealed class Filter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var result = await next(context);
            var inner = result;
            while (inner is INestedHttpResult nested) inner = nested.Result;
            if (inner is not IValueHttpResult { Value: { } value } || value is not (IPage or PatientResponse or DoctorResponse or MappingResponse))
                return result;
            var http = context.HttpContext;
            var json = http.RequestServices.GetRequiredService<NumberedJson>().Options;
            var status = (inner as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            if (value is IPage page) return TypedResults.Json(page.Items, json, statusCode: status);
            value = await WithNumberAsync(value, http.RequestServices.GetRequiredService<AfyaDb>(), http.RequestAborted);
            if (status == StatusCodes.Status201Created && NumberOf(value) is { } created)
                http.Response.Headers.Location = $"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{created}/";
            return TypedResults.Json(value, json, statusCode: status);
        }
    }

    private static int? NumberOf(object value) => value switch
    {
        PatientResponse p => p.Number,
        DoctorResponse d => d.Number,
        MappingResponse m => m.Number,
        _ => null,
    };

    private static async Task<object> WithNumberAsync(object value, AfyaDb db, CancellationToken ct) => value switch
    {
        PatientResponse { Number: 0 } p => p with
        {
            Number = await db.Set<Patient>().Where(x => x.Id == p.Id).Select(x => x.PublicNumber).FirstOrDefaultAsync(ct),
        },
        DoctorResponse { Number: 0 } d => d with
        {
            Number = await db.Set<Doctor>().Where(x => x.Id == d.Id).Select(x => x.PublicNumber).FirstOrDefaultAsync(ct),
        },
        MappingResponse { Number: 0 } m => m with
        {
            Number = await db.Set<Assignment>().Where(x => x.Id == m.Id).Select(x => x.PublicNumber).FirstOrDefaultAsync(ct),
        },
        _ => value,
    };

    // The app's JSON contract with each numbered record's `id` written as its number and its UUID added as `uuid`
    // (a mapping's `patient` and `doctor` as numbers too).
    internal sealed class NumberedJson(IOptions<JsonOptions> app)
    {
        public JsonSerializerOptions Options { get; } = Numbered(app.Value.SerializerOptions, patientsByHand: true);

        // The same contract with patients written by the serializer's metadata, as they were before NumberedPatientJson:
        // what the tests compare it with.
        internal static JsonSerializerOptions Numbered(JsonSerializerOptions app, bool patientsByHand)
        {
            var options = new JsonSerializerOptions(app)
            {
                TypeInfoResolver = (app.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Number),
            };
            if (patientsByHand) options.Converters.Insert(0, NumberedPatientJson.Instance);
            return options;
        }

        private static void Number(JsonTypeInfo type)
        {
            // A type written by a converter (the patient, by NumberedPatientJson) has no properties to renumber.
            if (type.Kind != JsonTypeInfoKind.Object) return;
            if (type.Type == typeof(PatientResponse)) Renumber<PatientResponse>(type, p => p.Number, p => p.Id);
            else if (type.Type == typeof(DoctorResponse)) Renumber<DoctorResponse>(type, d => d.Number, d => d.Id);
            else if (type.Type == typeof(PatientDetails)) Renumber<PatientDetails>(type, p => p.Number, p => p.Id);
            else if (type.Type == typeof(DoctorDetails)) Renumber<DoctorDetails>(type, d => d.Number, d => d.Id);
            else if (type.Type == typeof(MappingResponse))
            {
                Renumber<MappingResponse>(type, m => m.Number, m => m.Id);
                Replace<MappingResponse, int>(type, "patient", m => m.PatientDetails.Number);
                Replace<MappingResponse, int>(type, "doctor", m => m.DoctorDetails.Number);
            }
        }

        private static void Renumber<T>(JsonTypeInfo type, Func<T, int> number, Func<T, Guid> uuid)
        {
            Replace(type, "id", number);
            var property = type.CreateJsonPropertyInfo(typeof(Guid), "uuid");
            property.Get = o => uuid((T)o);
            type.Properties.Add(property);
        }

        private static void Replace<T, TValue>(JsonTypeInfo type, string name, Func<T, TValue> get)
        {
            var index = type.Properties.IndexOf(type.Properties.Single(p => p.Name == name));
            var property = type.CreateJsonPropertyInfo(typeof(TValue), name);
            property.Get = o => get((T)o);
            type.Properties[index] = property;
        }
    }
}
