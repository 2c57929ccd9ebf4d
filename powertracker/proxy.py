"""Proxies for fetching: one for every retailer (``PROXY_URL``) and per retailer (``RETAILER_PROXIES``).

``RETAILER_PROXIES`` is ``retailer=URL`` pairs separated by spaces; ``retailer=direct`` sends that
retailer's requests without a proxy even when ``PROXY_URL`` is set. Schemes: ``http://`` and
``https://`` proxies (plain HTTP through the proxy, HTTPS through a CONNECT tunnel) and
``socks4://``, ``socks5://``, ``socks5h://`` (``socks5h`` resolves names on the proxy, as a local
Tor wants). SOCKS needs the PySocks package, which is not installed by default (few setups use
it): without it a SOCKS proxy setting is a configuration error naming the package.

Proxy URLs often carry a password. They are never logged: ``ProxyConfig.scrub`` masks every
configured proxy URL (and any ``user:password@`` in a URL) in a text before it is logged or stored.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .config import Settings, mask_url
from .errors import ConfigError

if TYPE_CHECKING:
    import urllib3

SCHEMES = ("http", "https", "socks4", "socks4a", "socks5", "socks5h")
DIRECT = "direct"
_USERINFO = re.compile(r"(//)[^/@\s]*@")


def masked(url: str) -> str:
    """``scheme://***@host:port`` for a proxy URL with credentials; the URL itself otherwise."""
    return _USERINFO.sub(r"\1***@", url)


def _check(name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise ConfigError(f"{name}: {masked(url)!r} is not a proxy URL; use one of "
                          f"{', '.join(s + '://' for s in SCHEMES)} followed by [user:pass@]host:port")
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise ConfigError(f"{name}: {masked(url)!r} has a bad port") from None
    return url


@dataclass(frozen=True)
class ProxyConfig:
    default: str | None = None
    per_retailer: dict[str, str | None] = field(default_factory=dict)  # None: direct

    @classmethod
    def from_settings(cls, settings: Settings) -> ProxyConfig:
        default = _check("PROXY_URL", settings.proxy_url) if settings.proxy_url else None
        per: dict[str, str | None] = {}
        for pair in (settings.retailer_proxies or "").split():
            retailer, sep, url = pair.partition("=")
            if not sep or not retailer or not url:
                raise ConfigError(f"RETAILER_PROXIES: {masked(pair)!r} is not retailer=URL (or retailer=direct)")
            per[retailer] = None if url == DIRECT else _check(f"RETAILER_PROXIES ({retailer})", url)
        config = cls(default, per)
        for url in {default, *per.values()} - {None}:
            assert url is not None
            if url.startswith("socks"):
                _socks_manager(url)  # fail at start, not on the first page
        return config

    def for_retailer(self, retailer: str | None) -> str | None:
        if retailer is not None and retailer in self.per_retailer:
            return self.per_retailer[retailer]
        return self.default

    def scrub(self, text: str) -> str:
        """``text`` with every configured proxy URL and any URL password masked."""
        for url in {self.default, *self.per_retailer.values()} - {None}:
            assert url is not None
            text = text.replace(url, masked(url))
            password = urlsplit(url).password
            if password:
                text = text.replace(password, "***").replace(unquote(password), "***")
        return mask_url(text)


def _socks_manager(proxy: str) -> type:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # urllib3 warns before it raises ImportError without PySocks
            from urllib3.contrib.socks import SOCKSProxyManager
    except ImportError:
        raise ConfigError(f"the proxy {masked(proxy)} needs the PySocks package: "
                          ".venv/bin/pip install PySocks") from None
    return SOCKSProxyManager


def pool_manager(proxy: str | None, **kw: object) -> urllib3.PoolManager:
    """A urllib3 pool manager that sends its requests through ``proxy`` (None: directly)."""
    import urllib3  # only here: a run whose pages all go over fetch_http never loads urllib3

    if proxy is None:
        return urllib3.PoolManager(**kw)  # type: ignore[arg-type]
    parts = urlsplit(proxy)
    if parts.scheme.startswith("socks"):
        return _socks_manager(proxy)(proxy, **kw)  # type: ignore[no-any-return]
    headers = None
    if parts.username is not None:
        auth = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        headers = urllib3.make_headers(proxy_basic_auth=auth)
    plain = f"{parts.scheme}://{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    return urllib3.ProxyManager(plain, proxy_headers=headers, **kw)  # type: ignore[arg-type]
