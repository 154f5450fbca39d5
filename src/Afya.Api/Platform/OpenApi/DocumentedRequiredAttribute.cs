namespace Afya.Api.Platform.OpenApi;

// Lists a request field as required in the OpenAPI document. The field stays nullable in C# and the handler
// keeps checking it, so a missing value still answers the API's own problem (VALIDATION_FAILED naming the
// field, INVALID_AADHAAR, ...): [Required] would have AddValidation answer first with the framework's wording.
// Not a ValidationAttribute, so validation never sees it.
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class DocumentedRequiredAttribute : Attribute;
