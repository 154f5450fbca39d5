using Afya.Api.Platform.Http;

namespace Afya.Api.Platform.Storage;

// Checks an uploaded image (size, then content) and stores it; shared by avatars, products, brands, banners.
// The value is the stored file's key.
public static class ImageUpload
{
    public static async Task<Result<string>> StoreAsync(
        IFormFile? file, string field, string folder, long maxBytes, IFileStorage storage, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return ApiProblem.Field(field, "Attach a JPEG, PNG or WebP image.");
        if (file.Length > maxBytes)
            return ApiProblem.Of(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"Images may be at most {maxBytes / (1024 * 1024)} MB.");
        await using var content = file.OpenReadStream();
        var extension = await ImageContent.SniffExtensionAsync(content, ct);
        if (extension is null)
            return ApiProblem.Of(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_IMAGE", "Only JPEG, PNG and WebP images are accepted, judged by their content.");
        return await storage.SaveAsync(folder, extension, content, ct);
    }
}
