using Microsoft.IdentityModel.Tokens;

namespace Afya.Api.Modules.Identity;

// Checks every access token's HMAC with one signature provider kept for the signing key. IdentityModel's default factory
// finds the provider in its cache under a string it builds per token (key type, key id, algorithm, provider type), and
// its provider copies the key's bytes (SymmetricSecurityKey.Key clones them) for each signature checked. Set on the
// TokenValidationParameters; any other key or algorithm takes IdentityModel's own path. What is checked, and how (the
// algorithm allowed, the signature compared in constant time, lifetime, issuer, audience), stays IdentityModel's.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Lives as long as the bearer options, i.e. the process.")]
internal sealed class KeptSignatureFactory : CryptoProviderFactory
{
    private readonly SymmetricSecurityKey _key;
    private readonly string _algorithm;
    private volatile KeptHmacProvider _provider;

    public KeptSignatureFactory(SymmetricSecurityKey key, string algorithm)
    {
        _key = key;
        _algorithm = algorithm;
        _provider = new KeptHmacProvider(key, algorithm);
    }

    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm) =>
        CreateForVerifying(key, algorithm, CacheSignatureProviders);

    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm, bool cacheProvider)
    {
        if (!ReferenceEquals(key, _key) || !string.Equals(algorithm, _algorithm, StringComparison.Ordinal))
            return base.CreateForVerifying(key, algorithm, cacheProvider);
        var provider = _provider;
        // IdentityModel disposes a provider whose hash threw: the next token gets a new one.
        if (provider.IsDisposed) _provider = provider = new KeptHmacProvider(_key, _algorithm);
        return provider;
    }

    // The kept provider is never released (the default would dispose a provider that is in no cache).
    public override void ReleaseSignatureProvider(SignatureProvider signatureProvider)
    {
        if (signatureProvider is not KeptHmacProvider) base.ReleaseSignatureProvider(signatureProvider);
    }

    // The key's bytes read once. IdentityModel hands them only to the HMAC constructor (which copies them) when its pool
    // of HMAC instances needs another; nothing writes to them. KeptSignatureFactoryTests checks they stay the key's.
    internal sealed class KeptHmacProvider(SymmetricSecurityKey key, string algorithm)
        : SymmetricSignatureProvider(key, algorithm, willCreateSignatures: false)
    {
        private readonly byte[] _keyBytes = key.Key;

        public bool IsDisposed { get; private set; }

        internal ReadOnlySpan<byte> KeyBytes => _keyBytes;

        protected override byte[] GetKeyBytes(SecurityKey key) => ReferenceEquals(key, Key) ? _keyBytes : base.GetKeyBytes(key);

        protected override void Dispose(bool disposing)
        {
            IsDisposed = true;
            base.Dispose(disposing);
        }
    }
}
