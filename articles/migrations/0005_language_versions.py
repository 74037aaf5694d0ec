"""Each article row is one language version of a page: `language` (every existing row is English), and
the slug is unique per language instead of site-wide, so a Spanish version shares its English slug."""

from django.db import migrations, models

LANGUAGE = models.CharField(
    choices=[("en", "English"), ("es", "Español")],
    default="en",
    help_text="The language this version is written in. A translation keeps the English page's "
    "slug, so that its address is the English one with /es/ in front.",
    max_length=8,
)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_reviewed_by_a_reviewer")]

    operations = [
        migrations.AddField(model_name="article", name="language", field=LANGUAGE),
        migrations.AddField(model_name="historicalarticle", name="language", field=LANGUAGE),
        migrations.AlterField(model_name="article", name="slug", field=models.SlugField(max_length=200)),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("language", "slug"), name="articles_article_one_slug_per_language"
            ),
        ),
    ]
