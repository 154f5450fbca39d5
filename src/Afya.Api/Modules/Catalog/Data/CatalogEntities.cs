using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Afya.Api.Modules.Catalog.Data;

public sealed class Category
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Description { get; set; }
    public int? ParentId { get; set; }
    public string? ImageKey { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

public sealed class Brand
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Description { get; set; }
    public string? LogoKey { get; set; }
    public bool IsFeatured { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

public sealed class Product : IPublicNumbered
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int PublicNumber { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Description { get; set; } = "";
    public int CategoryId { get; set; }
    public Category? Category { get; set; }
    public int? BrandId { get; set; }
    public Brand? Brand { get; set; }

    // Minor units (cents) of Currency.
    public long BasePrice { get; set; }
    public long? CompareAtPrice { get; set; }
    public string Currency { get; set; } = "KES";

    // Stock of a product sold without variants; with variants, theirs counts.
    public int StockQuantity { get; set; }

    // Whether the shop can sell it now: an active variant has stock, or it has no variants and stock of its own.
    // Written only by the database's triggers on every write to stock or variants (migration ProductInStockFlag), so
    // the shop's in_stock filter reads a column instead of two lookups of the variants per product.
    public bool InStock { get; private set; }
    public bool IsFeatured { get; set; }
    public bool IsHot { get; set; }
    public bool IsNew { get; set; }
    public bool IsActive { get; set; } = true;

    // Kept for orders that name it, but gone from the shop.
    public bool IsArchived { get; set; }
    public int UnitsSold { get; set; }
    public int RatingCount { get; set; }
    public int RatingSum { get; set; }

    // Brand and category names, so full-text search finds a product by them.
    public string SearchKeywords { get; set; } = "";

    // Who the shop buys it from, and what the staff editor records beside the price (shown, not charged: checkout
    // prices come from BasePrice alone). Measures are kept in thousandths of the unit the editor chose.
    public int? SupplierId { get; set; }
    public int TaxRateBasisPoints { get; set; }
    public int ReorderLevel { get; set; }
    public bool RequiresPrescription { get; set; }
    public long? WeightMilli { get; set; }
    public string? WeightUnit { get; set; }
    public long? LengthMilli { get; set; }
    public long? WidthMilli { get; set; }
    public long? HeightMilli { get; set; }
    public string? DimensionUnit { get; set; }
    public int? WarrantyPeriod { get; set; }
    public string? WarrantyUnit { get; set; }
    public string? WarrantyDescription { get; set; }

    // Comma-separated, as the editor sends them.
    public string Tags { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ProductVariant> Variants { get; set; } = [];
    public List<ProductImage> Images { get; set; } = [];
    public List<ProductSpecification> Specifications { get; set; } = [];
    // Read only by queries (the detail's rating histogram); reviews are written through their own set.
    public List<Review> Reviews { get; set; } = [];
}

public sealed class ProductVariant
{
    public int Id { get; set; }
    public Guid ProductId { get; set; }
    public required string Sku { get; set; }
    public string? Name { get; set; }
    public string? Color { get; set; }
    public string? Storage { get; set; }
    public string? Ram { get; set; }
    public string? Size { get; set; }

    // left or right, for prosthetics.
    public string? Side { get; set; }
    public long Price { get; set; }
    public int StockQuantity { get; set; }
    public bool IsActive { get; set; } = true;
}

public sealed class ProductImage
{
    public int Id { get; set; }
    public Guid ProductId { get; set; }
    public required string Key { get; set; }
    public string AltText { get; set; } = "";
    public bool IsPrimary { get; set; }
    public int SortOrder { get; set; }
}

public sealed class ProductSpecification
{
    public int Id { get; set; }
    public Guid ProductId { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
    public int SortOrder { get; set; }
}

public sealed class Review
{
    public int Id { get; set; }
    public Guid ProductId { get; set; }
    public Guid UserId { get; set; }
    public string AuthorName { get; set; } = "";
    public int Rating { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public bool VerifiedPurchase { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum BannerKind { Hero, Promo, Section }

public sealed class Banner
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string Subtitle { get; set; } = "";
    public string? ImageKey { get; set; }
    public string? LinkUrl { get; set; }
    public BannerKind Kind { get; set; }
    public int SortOrder { get; set; }
    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

// A product someone looked at: a signed-in user, or a guest known by the hash of their cart token.
public sealed class RecentlyViewed
{
    public long Id { get; set; }
    public Guid? UserId { get; set; }
    public string? GuestKey { get; set; }
    public Guid ProductId { get; set; }
    public DateTime ViewedAt { get; set; }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("catalog_categories");
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.Slug).HasMaxLength(140);
        b.HasIndex(x => x.Slug).IsUnique();
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.ImageKey).HasMaxLength(200);
        b.HasOne<Category>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> b)
    {
        b.ToTable("catalog_brands");
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.Slug).HasMaxLength(140);
        b.HasIndex(x => x.Slug).IsUnique();
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.LogoKey).HasMaxLength(200);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("catalog_products");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Slug).HasMaxLength(220);
        b.HasIndex(x => x.Slug).IsUnique();
        b.Property(x => x.Description).HasMaxLength(20000);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.SearchKeywords).HasMaxLength(1000);
        b.HasOne(x => x.Category).WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Brand).WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
        // No foreign key: SQLite would rebuild the table (and lose its public-number trigger) to add one. Writes check
        // the supplier exists; deleting a supplier clears its products' supplier_id in the same transaction.
        b.HasIndex(x => x.SupplierId);
        b.Property(x => x.WeightUnit).HasMaxLength(16);
        b.Property(x => x.DimensionUnit).HasMaxLength(16);
        b.Property(x => x.WarrantyUnit).HasMaxLength(16);
        b.Property(x => x.WarrantyDescription).HasMaxLength(1000);
        b.Property(x => x.Tags).HasMaxLength(1000);
        // The triggers own the column: EF never writes it, so no entity's stale copy can overwrite theirs.
        b.Property(x => x.InStock).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        b.Property(x => x.InStock).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        b.HasMany(x => x.Variants).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Images).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Specifications).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        // The shop only ever lists visible products; partial indexes on exactly that predicate give
        // ordered pages and index-only counts on both databases (a plain boolean column in a composite
        // index is not used by SQLite for "is_active AND NOT is_archived").
        const string Visible = "is_active AND NOT is_archived";
        b.HasIndex(x => new { x.CreatedAt, x.Id }).HasFilter(Visible).HasDatabaseName("ix_catalog_products_visible_created");
        b.HasIndex(x => new { x.BasePrice, x.Id }).HasFilter(Visible).HasDatabaseName("ix_catalog_products_visible_price");
        b.HasIndex(x => new { x.CategoryId, x.CreatedAt }).HasFilter(Visible).HasDatabaseName("ix_catalog_products_visible_category");
        b.HasIndex(x => new { x.BrandId, x.CreatedAt }).HasFilter(Visible).HasDatabaseName("ix_catalog_products_visible_brand");
        // ordering=name and ordering=-popularity: without these a page sorts every visible product.
        b.HasIndex(x => new { x.Name, x.Id }).HasFilter(Visible).HasDatabaseName("ix_catalog_products_visible_name");
        b.HasIndex(x => new { x.UnitsSold, x.Id }).HasFilter(Visible).HasDatabaseName("ix_catalog_products_visible_popularity");
        // The staff console lists every state, newest change first: the shop's partial indexes cannot serve it.
        b.HasIndex(x => new { x.UpdatedAt, x.Id }).HasDatabaseName("ix_catalog_products_updated");
        // Its name, price and stock sorts, over every state. Named indexes: EF folds an unnamed index into the partial one on
        // the same columns above.
        b.HasIndex(x => new { x.Name, x.Id }, "ix_catalog_products_name");
        b.HasIndex(x => new { x.BasePrice, x.Id }, "ix_catalog_products_price");
        b.HasIndex(x => new { x.StockQuantity, x.Id }, "ix_catalog_products_stock");
        b.HasIndex(x => x.CategoryId);
        b.HasIndex(x => x.BrandId);
        b.HasIndex(x => new { x.IsFeatured, x.IsActive });
    }
}

// PostgreSQL: the visible products' price index also carries the columns the shop's counts filter on (in stock, category,
// new), so counting a filter set without words reads the index alone instead of every product row (issue 32: an
// in-stock count read 8,500 heap pages). Stock moves already rewrite every index of the row (stock is indexed for the
// console), so the wider entries cost writes nothing new. SQLite has no INCLUDE and was not measured.
internal sealed class ProductCountIndex : IProviderModelConfiguration
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Postgres) return;
        modelBuilder.Entity<Product>().HasIndex(x => new { x.BasePrice, x.Id })
            .IncludeProperties(x => new { x.InStock, x.CategoryId, x.IsNew });
        // The category's index carries the same flags and the price, so a category's count with a price, stock or new filter
        // reads that category's entries alone (34 index pages for a leaf of the bench) instead of the whole price index.
        modelBuilder.Entity<Product>().HasIndex(x => new { x.CategoryId, x.CreatedAt })
            .IncludeProperties(x => new { x.BasePrice, x.InStock, x.IsNew });
    }
}

internal sealed class ProductVariantConfiguration : IEntityTypeConfiguration<ProductVariant>
{
    public void Configure(EntityTypeBuilder<ProductVariant> b)
    {
        b.ToTable("catalog_product_variants");
        b.Property(x => x.Sku).HasMaxLength(64);
        b.HasIndex(x => x.Sku).IsUnique();
        foreach (var name in new[] { nameof(ProductVariant.Name), nameof(ProductVariant.Color), nameof(ProductVariant.Storage), nameof(ProductVariant.Ram), nameof(ProductVariant.Size) })
            b.Property(name).HasMaxLength(64);
        b.Property(x => x.Side).HasMaxLength(8);
    }
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> b)
    {
        b.ToTable("catalog_product_images");
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.AltText).HasMaxLength(200);
    }
}

internal sealed class ProductSpecificationConfiguration : IEntityTypeConfiguration<ProductSpecification>
{
    public void Configure(EntityTypeBuilder<ProductSpecification> b)
    {
        b.ToTable("catalog_product_specifications");
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Value).HasMaxLength(500);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.ToTable("catalog_reviews");
        b.HasIndex(x => new { x.ProductId, x.UserId }).IsUnique();
        b.Property(x => x.AuthorName).HasMaxLength(150);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(5000);
        b.HasOne<Product>().WithMany(x => x.Reviews).HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BannerConfiguration : IEntityTypeConfiguration<Banner>
{
    public void Configure(EntityTypeBuilder<Banner> b)
    {
        b.ToTable("catalog_banners");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Subtitle).HasMaxLength(300);
        b.Property(x => x.ImageKey).HasMaxLength(200);
        b.Property(x => x.LinkUrl).HasMaxLength(500);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class RecentlyViewedConfiguration : IEntityTypeConfiguration<RecentlyViewed>
{
    public void Configure(EntityTypeBuilder<RecentlyViewed> b)
    {
        b.ToTable("catalog_recently_viewed");
        b.Property(x => x.GuestKey).HasMaxLength(64);
        b.HasIndex(x => new { x.UserId, x.ProductId }).IsUnique();
        b.HasIndex(x => new { x.GuestKey, x.ProductId }).IsUnique();
        b.HasIndex(x => new { x.UserId, x.ViewedAt });
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

// A titled row of chosen products on the shop's home page (Dira's "homepage sections").
public sealed class HomepageSection
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<HomepageSectionProduct> Products { get; set; } = [];
}

public sealed class HomepageSectionProduct
{
    public int SectionId { get; set; }
    public Guid ProductId { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class HomepageSectionConfiguration : IEntityTypeConfiguration<HomepageSection>
{
    public void Configure(EntityTypeBuilder<HomepageSection> b)
    {
        b.ToTable("catalog_homepage_sections");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasMany(x => x.Products).WithOne().HasForeignKey(x => x.SectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.IsActive, x.SortOrder });
    }
}

internal sealed class HomepageSectionProductConfiguration : IEntityTypeConfiguration<HomepageSectionProduct>
{
    public void Configure(EntityTypeBuilder<HomepageSectionProduct> b)
    {
        b.ToTable("catalog_homepage_section_products");
        b.HasKey(x => new { x.SectionId, x.ProductId });
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

// Who the shop buys products from. Shop-wide: any admin sees and edits every supplier (Dira scoped them to the admin
// who added them; docs/DECISIONS.md). Deleting one leaves its products without a supplier.
public sealed class Supplier
{
    public int Id { get; set; }
    public required string Name { get; set; }

    // A JSON object as the editor sends it ({name, email, phone, position}).
    public string? ContactPersonJson { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? TaxId { get; set; }
    public string? PaymentTerms { get; set; }
    public int? LeadTimeDays { get; set; }
    public string? Website { get; set; }
    public string? Notes { get; set; }
    public bool IsActive { get; set; } = true;
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> b)
    {
        b.ToTable("catalog_suppliers");
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.ContactPersonJson).HasMaxLength(2000);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.TaxId).HasMaxLength(64);
        b.Property(x => x.PaymentTerms).HasMaxLength(200);
        b.Property(x => x.Website).HasMaxLength(500);
        b.Property(x => x.Notes).HasMaxLength(4000);
    }
}

// One account's say on whether a review helped; a second vote replaces the first. Goes with its review.
public sealed class ReviewVote
{
    public int ReviewId { get; set; }
    public Guid UserId { get; set; }
    public bool Helpful { get; set; }
    public DateTime At { get; set; }
}

internal sealed class ReviewVoteConfiguration : IEntityTypeConfiguration<ReviewVote>
{
    public void Configure(EntityTypeBuilder<ReviewVote> b)
    {
        b.ToTable("catalog_review_votes");
        b.HasKey(x => new { x.ReviewId, x.UserId });
        b.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}
