using System.CommandLine;
using System.Globalization;
using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Storage;

namespace Afya.Api.Modules.Catalog;

// `afya seed`: a believable shop of medical devices, prosthetics and phones, priced in KES.
internal sealed class CatalogSampleData : ISampleData
{
    public int Order => 10;

    private sealed record Item(
        string Name, string Category, string? Brand, long PriceKes, long? CompareKes, string Description, (byte, byte, byte) Color,
        bool Featured = false, bool Hot = false, bool New = false, int Stock = 25, (string Sku, string? Color, string? Storage, string? Ram, string? Size, string? Side, long PriceKes, int Stock)[]? Variants = null,
        (string Key, string Value)[]? Specs = null);

    public async Task<string> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        var storage = scope.ServiceProvider.GetRequiredService<IFileStorage>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await db.Set<Category>().AnyAsync(c => c.Slug == "medical-devices", ct))
            return $"Catalog: sample catalog already present.{await SectionsAsync(db, now, ct)}";

        var categories = new Dictionary<string, Category>();
        Category Cat(string name, string? parent, int order)
        {
            var c = new Category { Name = name, Slug = Slugs.From(name), SortOrder = order, CreatedAt = now };
            if (parent is not null) c.ParentId = categories[parent].Id;
            db.Add(c);
            categories[name] = c;
            return c;
        }
        async Task Level(params (string Name, string? Parent, int Order)[] items)
        {
            foreach (var (name, parent, order) in items) Cat(name, parent, order);
            await db.SaveChangesAsync(ct);
        }
        await Level(("Medical Devices", null, 1), ("Prosthetics", null, 2), ("Phones", null, 3));
        await Level(("Mobility", "Medical Devices", 1), ("Monitoring", "Medical Devices", 2), ("Lower Limb", "Prosthetics", 1),
            ("Smartphones", "Phones", 1), ("Accessories", "Phones", 2));
        await Level(("Wheelchairs", "Mobility", 1), ("Blood Pressure Monitors", "Monitoring", 1), ("Pulse Oximeters", "Monitoring", 2), ("Glucose Meters", "Monitoring", 3));

        var brands = new[] { ("Ottobock", true), ("Invacare", false), ("Omron", true), ("Accu-Chek", false), ("Beurer", false), ("Samsung", true), ("Apple", true), ("Tecno", false), ("Infinix", false) }
            .ToDictionary(b => b.Item1, b => new Brand { Name = b.Item1, Slug = Slugs.From(b.Item1), IsFeatured = b.Item2, CreatedAt = now });
        db.AddRange(brands.Values);
        await db.SaveChangesAsync(ct);

        Item[] items =
        [
            new("Below-Knee Prosthetic Leg", "Lower Limb", "Ottobock", 185_000, 210_000,
                "A transtibial prosthesis with a carbon-fibre foot and a silicone liner, fitted in Nairobi. Choose your size and side.",
                (70, 110, 160), Featured: true, New: true,
                Variants: [("OTB-BK-S-L", null, null, null, "S", "left", 185_000, 3), ("OTB-BK-S-R", null, null, null, "S", "right", 185_000, 3),
                    ("OTB-BK-M-L", null, null, null, "M", "left", 190_000, 4), ("OTB-BK-M-R", null, null, null, "M", "right", 190_000, 4),
                    ("OTB-BK-L-L", null, null, null, "L", "left", 195_000, 2), ("OTB-BK-L-R", null, null, null, "L", "right", 195_000, 0)],
                Specs: [("Foot", "Carbon fibre, dynamic response"), ("Liner", "Silicone, 6 mm"), ("Max user weight", "125 kg"), ("Warranty", "2 years")]),
            new("Lightweight Folding Wheelchair", "Wheelchairs", "Invacare", 32_500, 38_000,
                "An aluminium frame that folds flat for matatu boots, with puncture-proof rear wheels.", (90, 90, 100), Hot: true, Stock: 12,
                Specs: [("Frame", "Aluminium"), ("Weight", "13.5 kg"), ("Seat width", "46 cm"), ("Max load", "120 kg")]),
            new("Automatic Upper-Arm Blood Pressure Monitor", "Blood Pressure Monitors", "Omron", 6_800, 7_500,
                "Clinically validated, with irregular heartbeat detection and memory for two users.", (200, 60, 60), Featured: true, Hot: true, Stock: 60,
                Specs: [("Cuff", "22-42 cm"), ("Memory", "2 x 60 readings"), ("Power", "4 x AA or adapter")]),
            new("Fingertip Pulse Oximeter", "Pulse Oximeters", "Beurer", 2_900, null,
                "Shows SpO2 and pulse rate in seconds; for home monitoring of respiratory illness.", (60, 160, 120), New: true, Stock: 150,
                Specs: [("SpO2 range", "70-100 %"), ("Pulse range", "30-250 bpm"), ("Battery", "2 x AAA")]),
            new("Blood Glucose Meter Starter Kit", "Glucose Meters", "Accu-Chek", 4_200, 4_800,
                "Meter, lancing device, 10 lancets and 10 strips; results in 4 seconds.", (230, 150, 40), Stock: 80,
                Specs: [("Test time", "4 s"), ("Sample", "0.6 µL"), ("Memory", "500 readings")]),
            new("Samsung Galaxy A55 5G", "Smartphones", "Samsung", 52_999, 59_999,
                "A 6.6\" Super AMOLED display, 50 MP camera and IP67 protection.", (30, 30, 40), Featured: true, Hot: true, New: true,
                Variants: [("SAM-A55-128-NVY", "Awesome Navy", "128GB", "8GB", null, null, 52_999, 20), ("SAM-A55-256-NVY", "Awesome Navy", "256GB", "8GB", null, null, 58_999, 10),
                    ("SAM-A55-128-ICE", "Awesome Iceblue", "128GB", "8GB", null, null, 52_999, 15)],
                Specs: [("Display", "6.6\" FHD+ Super AMOLED, 120 Hz"), ("Battery", "5000 mAh"), ("Chipset", "Exynos 1480")]),
            new("Apple iPhone 15", "Smartphones", "Apple", 124_999, 134_999,
                "Dynamic Island, a 48 MP main camera and USB-C.", (220, 220, 225), Featured: true,
                Variants: [("APL-IP15-128-BLK", "Black", "128GB", null, null, null, 124_999, 8), ("APL-IP15-256-BLU", "Blue", "256GB", null, null, null, 139_999, 5)],
                Specs: [("Display", "6.1\" Super Retina XDR"), ("Chip", "A16 Bionic")]),
            new("Tecno Spark 20 Pro", "Smartphones", "Tecno", 21_499, null, "A 108 MP camera and 33 W fast charging at an everyday price.", (120, 60, 170), New: true,
                Variants: [("TEC-SP20P-256-BLK", "Moonlit Black", "256GB", "8GB", null, null, 21_499, 30)]),
            new("Infinix Hot 40i", "Smartphones", "Infinix", 14_999, 16_500, "A big 5000 mAh battery and 128 GB of storage.", (40, 140, 90), Hot: true,
                Variants: [("INF-H40I-128-GLD", "Horizon Gold", "128GB", "4GB", null, null, 14_999, 40)]),
            new("20W USB-C Fast Charger", "Accessories", "Samsung", 1_999, 2_500, "Charges phones and pulse oximeters alike.", (200, 200, 200), Stock: 200),
        ];

        foreach (var item in items)
        {
            var product = new Product
            {
                Name = item.Name, Slug = Slugs.From(item.Name), Description = item.Description, CategoryId = categories[item.Category].Id,
                BrandId = item.Brand is null ? null : brands[item.Brand].Id, BasePrice = item.PriceKes * 100, CompareAtPrice = item.CompareKes * 100,
                StockQuantity = item.Variants is null ? item.Stock : 0, IsFeatured = item.Featured, IsHot = item.Hot, IsNew = item.New,
                CreatedAt = now, UpdatedAt = now,
            };
            product.SearchKeywords = await SearchKeywords.ForAsync(db, product.CategoryId, product.BrandId, ct);
            foreach (var v in item.Variants ?? [])
            {
                product.Variants.Add(new ProductVariant
                {
                    Sku = v.Sku, Color = v.Color, Storage = v.Storage, Ram = v.Ram, Size = v.Size, Side = v.Side, Price = v.PriceKes * 100, StockQuantity = v.Stock,
                    Name = string.Join(" / ", new[] { v.Color, v.Storage, v.Ram, v.Size, v.Side }.Where(x => x is not null)),
                });
            }
            var (r, g, b) = item.Color;
            await using (var png = new MemoryStream(PlaceholderImage.Png(480, 480, (r, g, b))))
                product.Images.Add(new ProductImage { Key = await storage.SaveAsync("products", ".png", png, ct), AltText = item.Name, IsPrimary = true });
            product.Specifications.AddRange((item.Specs ?? []).Select((s, i) => new ProductSpecification { Key = s.Key, Value = s.Value, SortOrder = i }));
            db.Add(product);
        }

        (string Title, string Subtitle, BannerKind Kind, string Link, (byte, byte, byte) Color)[] banners =
        [
            ("Walk again with confidence", "Prosthetic legs fitted in Nairobi", BannerKind.Hero, "/products/below-knee-prosthetic-leg", (70, 110, 160)),
            ("Know your numbers", "Blood-pressure monitors from KES 6,800", BannerKind.Hero, "/categories/blood-pressure-monitors", (200, 60, 60)),
            ("Galaxy A55 now in stock", "Pay with M-Pesa", BannerKind.Promo, "/products/samsung-galaxy-a55-5g", (30, 30, 40)),
        ];
        var order = 0;
        foreach (var (title, subtitle, kind, link, color) in banners)
        {
            await using var png = new MemoryStream(PlaceholderImage.Png(1200, 400, color));
            db.Add(new Banner { Title = title, Subtitle = subtitle, Kind = kind, LinkUrl = link, SortOrder = order++, CreatedAt = now, ImageKey = await storage.SaveAsync("banners", ".png", png, ct) });
        }
        await db.SaveChangesAsync(ct);
        return $"Catalog: {categories.Count} categories, {brands.Count} brands, {items.Length} products, {banners.Length} banners.{await SectionsAsync(db, now, ct)}";
    }

    // The home page's sections (the storefront's "Failed to load products" without them), each with products by slug;
    // added to a catalog seeded before sections existed too.
    private static async Task<string> SectionsAsync(AfyaDb db, DateTime now, CancellationToken ct)
    {
        (string Title, string Description, string[] Slugs)[] sections =
        [
            ("Walk again", "Prosthetics and mobility aids fitted in Nairobi",
                ["below-knee-prosthetic-leg", "lightweight-folding-wheelchair"]),
            ("Know your numbers", "Monitors for blood pressure, oxygen and glucose at home",
                ["automatic-upper-arm-blood-pressure-monitor", "fingertip-pulse-oximeter", "blood-glucose-meter-starter-kit"]),
            ("Phones on M-Pesa", "Smartphones and accessories, paid from your phone",
                ["samsung-galaxy-a55-5g", "apple-iphone-15", "tecno-spark-20-pro", "infinix-hot-40i", "20w-usb-c-fast-charger"]),
        ];
        var titles = sections.Select(x => x.Title).ToList();
        if (await db.Set<HomepageSection>().AnyAsync(x => titles.Contains(x.Title), ct)) return "";
        var slugs = sections.SelectMany(x => x.Slugs).ToList();
        var ids = await db.Set<Product>().Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, p => p.Id, ct);
        var order = 0;
        foreach (var (title, description, members) in sections)
            db.Add(new HomepageSection
            {
                Title = title, Description = description, SortOrder = ++order, CreatedAt = now, UpdatedAt = now,
                Products = members.Where(ids.ContainsKey).Select((slug, i) => new HomepageSectionProduct { ProductId = ids[slug], SortOrder = i }).ToList(),
            });
        await db.SaveChangesAsync(ct);
        return $" {sections.Length} home-page sections.";
    }
}

// `afya bench-seed --products N`: many generated products for load tests; not for real shops.
internal sealed class BenchSeedCommand : ICliCommand
{
    private static readonly string[] Adjectives = ["Compact", "Digital", "Portable", "Pro", "Smart", "Classic", "Ultra", "Lite", "Max", "Plus", "Advanced", "Home"];
    private static readonly string[] Nouns = ["Monitor", "Oximeter", "Wheelchair", "Walker", "Phone", "Charger", "Thermometer", "Nebulizer", "Crutch", "Scale", "Tablet", "Earbuds"];

    public Command Build(IServiceProvider services)
    {
        var count = new Option<int>("--products") { Description = "How many products to add.", DefaultValueFactory = _ => 100_000 };
        var command = new Command("bench-seed", "Add generated products for benchmarks.") { count };
        command.SetAction(async (parse, ct) =>
        {
            var total = parse.GetValue(count);
            await DatabaseSetup.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var run = now.Ticks.ToString(CultureInfo.InvariantCulture)[^6..];
            var root = new Category { Name = $"Bench {run}", Slug = $"bench-{run}", CreatedAt = now };
            db.Add(root);
            await db.SaveChangesAsync(ct);
            var leaves = Enumerable.Range(1, 20).Select(i => new Category { Name = $"Bench {run} {i}", Slug = $"bench-{run}-{i}", ParentId = root.Id, CreatedAt = now }).ToList();
            var brands = Enumerable.Range(1, 30).Select(i => new Brand { Name = $"Brand{run}x{i}", Slug = $"brand-{run}-{i}", CreatedAt = now }).ToList();
            db.AddRange(leaves);
            db.AddRange(brands);
            await db.SaveChangesAsync(ct);
            var random = new Random(42);
            for (var done = 0; done < total;)
            {
                var batch = Math.Min(2000, total - done);
                for (var i = 0; i < batch; i++, done++)
                {
                    var brand = brands[random.Next(brands.Count)];
                    var leaf = leaves[random.Next(leaves.Count)];
                    var name = $"{brand.Name} {Adjectives[random.Next(Adjectives.Length)]} {Nouns[random.Next(Nouns.Length)]} {done}";
                    var product = new Product
                    {
                        Name = name, Slug = $"bench-{run}-{done}", Description = $"{name}: a generated product for load tests, sold in {leaf.Name}.",
                        CategoryId = leaf.Id, BrandId = brand.Id, BasePrice = random.Next(500, 200_000) * 100L, StockQuantity = random.Next(0, 50),
                        IsFeatured = random.Next(100) == 0, IsHot = random.Next(50) == 0, IsNew = random.Next(10) == 0, UnitsSold = random.Next(0, 500),
                        SearchKeywords = $"{brand.Name} {leaf.Name} {root.Name}", CreatedAt = now.AddSeconds(-done), UpdatedAt = now,
                    };
                    if (i % 5 == 0) product.Variants.Add(new ProductVariant { Sku = $"B{run}-{done}", Color = "Black", Price = product.BasePrice, StockQuantity = product.StockQuantity });
                    db.Add(product);
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Added {total} products under category bench-{run}.");
            return 0;
        });
        return command;
    }
}
