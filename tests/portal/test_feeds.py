"""portal/feeds.py, portal/sitemaps.py and robots.txt: the Atom feeds and the sitemap parse; robots points
at the sitemap and keeps crawlers out of the staff application."""

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_documents_feed(client, site):
    response = client.get("/feeds/van-ban.atom")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    titles = [e.text for e in feed.iter(f"{ATOM}title")]
    links = [e.get("href") for e in feed.iter(f"{ATOM}link")]
    assert any("46/STNMT-VP" in t for t in titles)
    assert f"http://testserver/van-ban/{site.seed.slug}/" in links


def test_news_feed(client, site):
    feed = etree.fromstring(client.get("/feeds/tin-tuc.atom").content)
    assert site.article.title in [e.text for e in feed.iter(f"{ATOM}title")]
    assert "Trung tâm Công nghệ thông tin" in [e.text for e in feed.iter(f"{ATOM}name")]


def test_sitemap_lists_every_published_page(client, site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = {e.text for e in etree.fromstring(response.content).iter(f"{SITEMAP}loc")}
    for publication, prefix in (
        (site.seed, "van-ban"),
        (site.movement, "phong-trao"),
        (site.exemplary, "dien-hinh"),
        (site.article, "tin-tuc"),
        (site.roll, "bang-vang"),
    ):
        assert f"http://testserver/{prefix}/{publication.slug}/" in urls
    assert "http://testserver/van-ban/" in urls


def test_robots(client, site):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/plain")
    assert "Allow: /" in lines and "Disallow: /app/" in lines and "Disallow: /xac-minh/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
