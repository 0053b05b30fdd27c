"""Articles and posts get a search document and its index, for the site-wide search."""

from django.db import migrations, models

from wsco.core.search import document, search_index_operations


def fill_documents(apps, schema_editor):
    """Write the document of every article and post, as `services.index_article` does."""
    Article = apps.get_model("publications", "Article")
    Post = apps.get_model("publications", "Post")
    articles = list(Article.objects.prefetch_related("bylines__author"))
    for article in articles:
        names = [byline.author.name for byline in article.bylines.all()]
        article.search_document = document(
            article.title, article.title_ro, article.abstract, article.abstract_ro, *names
        )
    Article.objects.bulk_update(articles, ["search_document"], batch_size=500)
    posts = list(Post.objects.select_related("author"))
    for post in posts:
        post.search_document = document(
            post.title, post.title_ro, post.summary, post.summary_ro, post.author.name
        )
    Post.objects.bulk_update(posts, ["search_document"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("publications", "0005_romanian_versions")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="post",
            name="search_document",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
        # After the AddFields, which rebuild the tables on SQLite (and drop their triggers).
        *search_index_operations("publications_article"),
        *search_index_operations("publications_post"),
    ]
