using System.Security.Cryptography;
using Afya.Api.Platform.Settings;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Storage;

// Where uploaded files (avatars, product images, documents) are kept.
public interface IFileStorage
{
    // Stores the content under a generated name and returns its key (folder/name.ext).
    Task<string> SaveAsync(string folder, string extension, Stream content, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);

    // Reads a stored file back (documents are served through their module, never as public URLs).
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);

    // The stable public URL of a stored file.
    string UrlOf(string key);
}

// Keeps files under the data folder and serves the public ones at /media.
public sealed class LocalFileStorage(IOptions<StorageOptions> options) : IFileStorage
{
    public const string RequestPath = "/media";

    // Keys under this folder (medical documents) live beside the static root, not inside it, so no URL form, however
    // encoded, can reach them through static serving: only their module's access-checked routes read them.
    public const string PrivateFolder = "private";

    private string DataRoot => Path.GetFullPath(options.Value.DataPath);

    // What /media serves.
    public string Root => Path.Combine(DataRoot, "media");

    public string PrivateRoot => Path.Combine(DataRoot, PrivateFolder);

    // Where a key's file lives: private keys resolve under PrivateRoot, the rest under Root; never outside either.
    public string PathOf(string key)
    {
        var isPrivate = key.StartsWith(PrivateFolder + "/", StringComparison.Ordinal);
        var root = isPrivate ? PrivateRoot : Root;
        var path = Path.GetFullPath(Path.Combine(root, isPrivate ? key[(PrivateFolder.Length + 1)..] : key));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException("The key leaves the storage folder.", nameof(key));
        return path;
    }

    // Earlier versions kept private files inside the static root (media/private); move them out once, at start.
    public void MovePrivateFilesOutOfStaticRoot()
    {
        var legacy = Path.Combine(Root, PrivateFolder);
        if (!Directory.Exists(legacy)) return;
        foreach (var file in Directory.EnumerateFiles(legacy, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(PrivateRoot, Path.GetRelativePath(legacy, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target)) File.Move(file, target);
        }
        Directory.Delete(legacy, recursive: true);
    }

    public async Task<string> SaveAsync(string folder, string extension, Stream content, CancellationToken ct)
    {
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + extension;
        var key = $"{folder}/{name}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, ct);
        return key;
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }

    public string UrlOf(string key) => key.StartsWith(PrivateFolder + "/", StringComparison.Ordinal)
        ? throw new ArgumentException("Private files have no URL.", nameof(key))
        : $"{RequestPath}/{key}";
}

// Recognises images by their first bytes, never by the file name a client sent.
public static class ImageContent
{
    public static async Task<string?> SniffExtensionAsync(Stream content, CancellationToken ct)
    {
        var head = new byte[12];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (content.CanSeek) content.Position = 0;
        ReadOnlySpan<byte> h = head.AsSpan(0, read);
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return ".jpg";
        if (h.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return ".png";
        if (h.Length >= 12 && h[..4].SequenceEqual("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) return ".webp";
        return null;
    }
}
