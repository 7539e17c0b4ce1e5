"""The HTML viewer: offline, escaped by construction, and actually working in headless Chromium.

Browser tests skip (with the reason) only when chromium/chromedriver are missing *and* ``CI`` is unset:
in CI (`.ci/setup-services.sh` installs them) a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef

from kg import analysis, viz

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "viz-mini.ttl"
SEEDS = ROOT.parent / "shared" / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
KGR = "https://w3id.org/kg-news/resource/"
KGO = Namespace("https://w3id.org/kg-news/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\"quoted\" 'single' back\\slash \\u003c & &amp; \u2028line\u2029sep",
    "<!-- <svg onload=alert(3)> -->",
]


def page_data(html_text: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html_text, re.S)
    assert m, "data block missing"
    return json.loads(m.group(1))


# --------------------------------------------------------------------------------------------- static page


def test_json_for_script_escapes_markup() -> None:
    s = viz.json_for_script({"a": "</script><!-- & \u2028\u2029 >"})
    assert not set("<>&\u2028\u2029") & set(s)
    assert json.loads(s) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_page_is_self_contained(tmp_path: Path) -> None:
    page = viz.write_html(MINI, tmp_path / "g.html", title="mini").read_text("utf-8")
    assert "vis-network" in page and "@version 9.1.2" in page  # vis inlined (licence header kept)
    # No external loads of any kind: no src/href pointing anywhere but data:, no @import / url(http...).
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=(?!["']?data:)""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", page, re.I)
    assert not re.search(r"bootstrap|unpkg|jsdelivr|cdnjs|googleapis", page, re.I)  # pyvis's CDN loads
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp and "script-src 'sha256-" in csp
    data = page_data(page)
    assert {n["id"] for n in data["nodes"]} == set(analysis.to_networkx(MINI))
    assert {t["name"] for t in data["types"]} >= {"Person", "Country", "City"}
    met = next(e for e in data["edges"] if e["predicate"] == "met")
    assert met["symmetric"] and "bertemu" in met["title"] and "(2024-05-10)" in met["title"]
    putin = next(n for n in data["nodes"] if n["label"] == "Vladimir Putin")
    assert "Wikidata: Q7747" in putin["title"] and "Type: Person" in putin["title"]


def test_filters_reach_the_page(tmp_path: Path) -> None:
    page = viz.write_html(MINI, tmp_path / "g.html", types="Person,Country", relations=["leaderOf", "met"])
    data = page_data(page.read_text("utf-8"))
    assert {n["type"] for n in data["nodes"]} == {"Person", "Country"}
    assert {e["predicate"] for e in data["edges"]} == {"leaderOf", "met"}
    page = viz.write_html(MINI, tmp_path / "a.html", around="Vladimir Putin", hops=1)
    assert {n["label"] for n in page_data(page.read_text("utf-8"))["nodes"]} == {
        "Vladimir Putin", "Nikol Pashinyan", "Russia"}


def test_accepts_dataset_and_knowledgegraph(tmp_path: Path) -> None:
    ds = Dataset()
    g = ds.graph(URIRef("https://w3id.org/kg-news/article/x"))
    g.parse(MINI)

    class KGLike:
        graph = ds

    for i, x in enumerate((ds, KGLike())):
        data = page_data(viz.write_html(x, tmp_path / f"{i}.html").read_text("utf-8"))
        assert len(data["nodes"]) == 14


def test_big_graphs_get_a_precomputed_layout() -> None:
    G = synthetic(1200)
    data = viz.graph_data(G)
    assert data["physics"] is False and all("x" in n and "y" in n for n in data["nodes"])
    assert viz.graph_data(synthetic(50))["physics"] is True


def test_show_returns_sandboxed_iframe() -> None:
    pytest.importorskip("IPython")
    obj = viz.show(hostile_graph(), height=300)
    markup = obj.data
    assert markup.startswith("<iframe srcdoc=\"") and 'sandbox="allow-scripts"' in markup
    srcdoc = markup.split('srcdoc="', 1)[1].split('" sandbox=', 1)[0]
    assert "<" not in srcdoc and '"' not in srcdoc  # the whole page is one escaped attribute value


def test_hostile_text_never_reaches_markup() -> None:
    page = viz.to_html(hostile_graph(), title=HOSTILE[1])
    data_block = re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)
    for h in HOSTILE:
        assert h not in page
    assert "<" not in data_block and ">" not in data_block
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>" in page
    labels = {n["label"] for n in page_data(page)["nodes"]}
    assert set(HOSTILE) <= labels


# --------------------------------------------------------------------------------------------- helpers


def synthetic(n: int, seed: int = 1) -> Any:
    """A news-like entity network: a few hubs (countries) and many leaves, typed and with sentences."""
    import random

    import networkx as nx

    rnd = random.Random(seed)
    types = ["Person", "Country", "City", "Organization", "Region", "Government"]
    rels = ["met", "leaderOf", "memberOf", "hasMilitaryPresenceIn", "allyOf", "locatedIn", "conflictWith"]
    B = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.MultiDiGraph()
    for i in B:
        G.add_node(f"{KGR}E{i}", label=f"Entity {i}", type=rnd.choice(types), types=[], qid=f"Q{1000 + i}",
                   alt_labels=[], iri=f"{KGR}E{i}")
    for u, v in B.edges:
        p = rnd.choice(rels)
        G.add_edge(f"{KGR}E{u}", f"{KGR}E{v}", key=p, predicate=p, symmetric=p in analysis.DEFAULT_SYMMETRIC,
                   count=1, sentences=[{"sentence": f"Entity {u} {p} Entity {v}.", "article": "a",
                                        "title": "Synthetic", "date": "2024-05-10"}])
    return G


def hostile_graph() -> Graph:
    """Labels, ids, sentences and titles made of markup, quotes, backslashes and line separators."""
    g = Graph()
    art = URIRef("https://w3id.org/kg-news/article/evil")
    g.add((art, RDF.type, SCHEMA.NewsArticle))
    g.add((art, SCHEMA.headline, Literal(HOSTILE[0] + " headline")))
    nodes = []
    for i, label in enumerate(HOSTILE):
        iri = URIRef(f"{KGR}evil{i}_\"'\\x")
        nodes.append(iri)
        g.add((iri, RDF.type, KGO.Person if i % 2 else KGO.Country))
        g.add((iri, RDFS.label, Literal(label)))
        g.add((iri, KGO.wikidata, Literal(HOSTILE[i - 1])))
    for i, (a, b) in enumerate(zip(nodes, nodes[1:], strict=False)):
        pred = KGO["met"] if i == 0 else KGO[f"rel{i}"]
        g.add((a, pred, b))
        st = URIRef(f"{KGR}stmt/evil{i}")
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, a))
        g.add((st, RDF.predicate, pred))
        g.add((st, RDF.object, b))
        g.add((st, KGO.sentence, Literal(HOSTILE[i])))
        g.add((st, PROV.wasDerivedFrom, art))
    return g


def _browser_paths() -> tuple[str | None, str | None]:
    chromium = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                                 "/usr/bin/chromium") if p and os.path.exists(p)), None)
    driver = next((p for p in (shutil.which("chromedriver"), "/usr/bin/chromedriver")
                   if p and os.path.exists(p)), None)
    return chromium, driver


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium, driver_path = _browser_paths()
    if not (chromium and driver_path):
        if os.environ.get("CI"):
            pytest.fail("CI: chromium and chromium-driver must be installed (.ci/setup-services.sh)")
        pytest.skip("chromium/chromedriver not installed (apt-get install chromium chromium-driver)")
    if not os.environ.get("CI"):
        pytest.importorskip("selenium", reason="selenium not installed (pip install -e .[dev]); CI unset")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--window-size=1400,900"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    opts.set_capability("unhandledPromptBehavior", "ignore")  # a dialog must stay visible to the test
    drv = webdriver.Chrome(service=Service(driver_path), options=opts)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(drv: Any, path: Path, timeout: float = 30) -> dict[str, Any]:
    """Load a page, wait until the layout is stable; return console messages and requested URLs."""
    drv.get_log("performance")  # drop what happened before (new-tab page etc.)
    drv.get_log("browser")
    drv.get(path.resolve().as_uri())
    deadline = time.time() + timeout
    while time.time() < deadline:
        if drv.execute_script("return !!(window.kgViewer && window.kgViewer.stable)"):
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"viewer not stable after {timeout}s; console: {drv.get_log('browser')}")
    urls = []
    for entry in drv.get_log("performance"):
        wrapped = json.loads(entry["message"])
        if wrapped.get("webview") != drv.current_window_handle:  # chromedriver: window handle == target id
            continue  # e.g. Chromium's own new-tab page loading chrome:// resources in another target
        msg = wrapped["message"]
        if msg["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            # Chromium's own start page (chrome://new-tab-page...) may still be loading in this tab.
            if msg["params"].get("documentURL", "").startswith(("chrome://", "chrome-untrusted://")):
                continue
            urls.append(msg["params"].get("request", {}).get("url") or msg["params"].get("url"))
    return {"console": drv.get_log("browser"), "urls": urls}


def assert_no_alert(drv: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        text = drv.switch_to.alert.text
    except NoAlertPresentException:
        return
    raise AssertionError(f"a dialog opened: {text!r}")


def seeds_build(tmp_root: Path) -> Path | None:
    """OUT/ of a real seeds build (``KG_SEEDS_OUT`` or a fresh ``kg build``); None without the models."""
    if os.environ.get("KG_SEEDS_OUT"):
        return Path(os.environ["KG_SEEDS_OUT"])
    if not SEEDS.is_dir() or not any((ROOT / "kg" / "models" / "id").glob("*.pt")):
        return None
    out = tmp_root / "seeds-out"
    cmd = [shutil.which("kg") or "kg", "build", str(SEEDS), "-o", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0 and (out / "graph.ttl").exists(), proc.stderr[-2000:]
    return out


def seeds_or_fixture(tmp_path: Path) -> tuple[Path, Path, str]:
    """The build's own graph.html from the seeds when they can be built here, else the fixture's."""
    out = seeds_build(tmp_path)
    if out is None:
        return viz.write_html(MINI, tmp_path / "mini.html", title="kg · viz-mini fixture"), MINI, "fixture"
    html_path = out / "graph.html"
    if not html_path.exists():
        html_path = viz.write_html(out, tmp_path / "seeds.html", title="kg · seeds")
    return html_path, out, "seeds"


# --------------------------------------------------------------------------------------------- Chromium


def test_viewer_in_chromium(browser: Any, tmp_path: Path) -> None:
    """Acceptance 1: offline, error-free, complete DataSet, search focuses Gyumri, screenshot saved."""
    page, source, what = seeds_or_fixture(tmp_path)
    G = analysis.to_networkx(source)
    res = open_page(browser, page)
    errors = [m for m in res["console"] if m["level"] in ("SEVERE", "WARNING")]
    assert not errors, errors
    outside = [u for u in res["urls"] if not (u.startswith("file://") or u.startswith("data:"))]
    assert not outside, f"network requests outside file://: {outside}"
    assert [u for u in res["urls"] if u.startswith("file://")] == [page.resolve().as_uri()]

    ids = browser.execute_script("return window.kgViewer.nodes.getIds()")
    assert sorted(ids) == sorted(G.nodes), what
    assert browser.execute_script("return window.kgViewer.edges.length") == G.number_of_edges()

    box = browser.find_element("id", "kg-search")
    box.clear()
    box.send_keys("gyumri\n")
    time.sleep(0.8)  # the focus animation
    gyumri = analysis.find_entity(G, "Gyumri")
    assert browser.execute_script("return window.kgViewer.network.getSelectedNodes()") == [gyumri]
    view = browser.execute_script(
        "var n = window.kgViewer.network;"
        "return [n.getViewPosition(), n.getPositions([arguments[0]])[arguments[0]]]", gyumri)
    assert abs(view[0]["x"] - view[1]["x"]) < 5 and abs(view[0]["y"] - view[1]["y"]) < 5
    assert browser.find_element("css selector", "#kg-details .name").text == "Gyumri"

    # Type filter: unticking Person hides people from the rendered view.
    browser.execute_script("""
        var cb=[...document.querySelectorAll('#kg-types label')].find(l=>l.textContent.includes('Person'))
          .querySelector('input'); cb.click();""")
    shown = browser.execute_script("return window.kgViewer.nodesView.getIds()")
    assert len(shown) == sum(1 for _, d in G.nodes(data=True) if d["type"] != "Person")
    browser.find_element("id", "kg-reset").click()
    browser.find_element("id", "kg-search").clear()
    browser.find_element("id", "kg-search").send_keys("Gyumri\n")
    time.sleep(0.8)

    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "viewer.png"))
    assert (ARTIFACTS / "viewer.png").stat().st_size > 10_000
    assert not [m for m in browser.get_log("browser") if m["level"] == "SEVERE"]
    print(f"viewer tested on {what}")


def test_hostile_labels_render_as_text_in_chromium(browser: Any, tmp_path: Path) -> None:
    """Acceptance 2: markup in labels, ids, tooltips, sentences and title shows as text; nothing runs."""
    page = viz.write_html(hostile_graph(), tmp_path / "evil.html", title=HOSTILE[1])
    res = open_page(browser, page)
    assert_no_alert(browser)
    assert not [m for m in res["console"] if m["level"] == "SEVERE"], res["console"]
    assert [u for u in res["urls"] if not u.startswith("data:")] == [page.resolve().as_uri()]  # no img "x"
    assert browser.execute_script("return document.querySelectorAll('img, svg, iframe').length") == 0
    assert browser.execute_script("return document.scripts.length") == 3
    assert browser.title == HOSTILE[1]
    assert browser.find_element("id", "kg-title").get_attribute("textContent") == HOSTILE[1]

    labels = browser.execute_script("return window.kgViewer.nodes.get().map(n => n.label)")
    assert sorted(labels) == sorted(HOSTILE)
    ids = browser.execute_script("return window.kgViewer.nodes.getIds()")
    assert all(i.endswith("_\"'\\x") for i in ids)

    # Details panel (click path) shows the exact strings as text.
    for i, node_id in enumerate(ids):
        browser.execute_script("window.kgViewer.focus(arguments[0])", node_id)
        name = browser.find_element("css selector", "#kg-details .name").get_attribute("textContent")
        assert name == labels[i]
        assert browser.execute_script("return document.querySelectorAll('#kg-details *').length") == \
            browser.execute_script("return document.querySelectorAll('#kg-details div').length")
    edge_id = browser.execute_script("return window.kgViewer.edges.getIds()[0]")
    browser.execute_script("""
        var n = window.kgViewer.network; n.selectEdges([arguments[0]]);
        n.body.emitter.emit('click', {nodes: [], edges: [arguments[0]]});""", edge_id)
    quote = browser.find_element("css selector", "#kg-details blockquote").get_attribute("textContent")
    assert quote.startswith(HOSTILE[0])

    # Hover tooltip: vis-network >= 9 sets a string title with innerText (text + <br> for newlines only).
    from selenium.webdriver.common.action_chains import ActionChains

    target = ids[0]
    browser.execute_script("var n = window.kgViewer.network; n.unselectAll(); n.fit({animation: false})")
    time.sleep(0.6)  # let the last focus animation finish
    dom = browser.execute_script("""
        var n = window.kgViewer.network, p = n.getPositions([arguments[0]])[arguments[0]];
        return n.canvasToDOM(p);""", target)
    canvas = browser.find_element("css selector", "#kg-network canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    dx, dy = int(dom["x"] - w / 2), int(dom["y"] - h / 2)
    ActionChains(browser).move_to_element_with_offset(canvas, dx - 3, dy - 3).pause(0.1) \
        .move_to_element_with_offset(canvas, dx, dy).perform()
    tip = None
    for _ in range(40):
        tip = browser.execute_script("""
            var t = document.querySelector('div.vis-tooltip');
            if (!t || t.style.visibility === 'hidden') return null;
            return [t.innerText, [...t.querySelectorAll('*')].filter(c => c.tagName !== 'BR').length];""")
        if tip:
            break
        time.sleep(0.05)
    assert tip, "no tooltip on hover"
    assert tip[1] == 0 and tip[0].startswith(labels[0])
    time.sleep(0.3)
    assert_no_alert(browser)
    assert browser.execute_script("return document.querySelectorAll('img, svg').length") == 0
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "viewer-xss.png"))
    assert not [m for m in browser.get_log("browser") if m["level"] == "SEVERE"]


def test_big_graph_in_chromium(browser: Any, tmp_path: Path) -> None:
    """1,200 nodes: precomputed layout, physics off, stable quickly."""
    page = viz.write_html(synthetic(1200), tmp_path / "big.html", title="synthetic 1200")
    res = open_page(browser, page, timeout=20)
    assert not [m for m in res["console"] if m["level"] == "SEVERE"]
    assert browser.execute_script("return window.kgViewer.nodes.length") == 1200
    assert browser.execute_script("return window.kgViewer.network.physics.options.enabled") is False
    ms = browser.execute_script("return window.kgViewer.stableMs")
    assert ms < 10_000, ms
