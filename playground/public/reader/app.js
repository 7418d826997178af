'use strict';
/**
 * The demo site: a section front and the article page, rendered in the browser from the public
 * content API only (/api/newsroom). Addresses: `/`, `/?section=slug`, `/?article=slug`, each
 * with an optional `&locale=fr`. Text is always set with textContent.
 */
(function () {
  var API = '/api/newsroom';
  var HISTORY_KEY = 'newsroom.seen';
  var params = new URLSearchParams(location.search);
  var locale = params.get('locale');
  var main = document.getElementById('main');

  var el = function (tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  };

  var withLocale = function (query) {
    var search = new URLSearchParams(query);
    if (locale) search.set('locale', locale);
    var text = search.toString();
    return text ? '?' + text : '';
  };

  // `no-cache`: the browser revalidates with the ETag it holds (a 304 when nothing changed), so a
  // reader sees a publish or a new count at once rather than after the answer's max-age.
  var api = function (path, query, init) {
    return fetch(API + path + withLocale(query || {}), Object.assign({ cache: 'no-cache' }, init)).then(function (response) {
      if (response.status === 404) throw new Error('not found');
      if (!response.ok) throw new Error('the content API answered ' + response.status);
      return response.json();
    });
  };

  var pageHref = function (query) {
    return '/' + withLocale(query);
  };

  var date = function (iso) {
    return iso ? new Date(iso).toLocaleString(locale || 'en', { dateStyle: 'medium', timeStyle: 'short' }) : '';
  };

  var cardItem = function (card, extra) {
    var meta = [card.section ? card.section.name : '', date(card.publicationDate), extra || ''].filter(Boolean).join(' · ');
    return el('li', {}, [el('a', { href: pageHref({ article: card.slug }), text: card.title }), el('span', { class: 'card-meta', text: meta })]);
  };

  var list = function (id, title, cards, extra) {
    return el('section', { id: id, class: 'list' }, [el('h2', { text: title }), el('ol', {}, cards.map(function (card) { return cardItem(card, extra && extra(card)); }))]);
  };

  var breadcrumb = function (trail) {
    var links = [el('a', { href: pageHref({}), text: 'Home' })].concat(
      trail.map(function (section) { return el('a', { href: pageHref({ section: section.slug }), text: section.name }); }),
    );
    return el('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, links);
  };

  var show = function (nodes) {
    main.replaceChildren.apply(main, nodes);
  };

  var failed = function (error) {
    show([el('p', { class: 'full muted', text: error.message === 'not found' ? 'This page does not exist.' : 'Sorry: ' + error.message })]);
  };

  var renderNav = function () {
    return api('/sections').then(function (answer) {
      var nav = document.getElementById('sections');
      nav.replaceChildren.apply(nav, answer.data.map(function (section) { return el('a', { href: pageHref({ section: section.slug }), text: section.name }); }));
    });
  };

  var renderFront = function (slug) {
    var page = Number(params.get('page')) || 1;
    var request = slug ? api('/sections/' + encodeURIComponent(slug), { page: page, pageSize: 20 }) : api('/articles', { page: page, pageSize: 20 });
    return request.then(function (answer) {
      var section = slug ? answer.data.section : null;
      var cards = slug ? answer.data.articles : answer.data;
      var pages = answer.meta.pagination;
      document.title = (section ? section.name : 'Latest') + ' — The Newsroom';
      var pager = el('p', { class: 'pager' }, [
        page > 1 ? el('a', { href: pageHref(Object.assign(slug ? { section: slug } : {}, { page: page - 1 })), text: '← Newer' }) : null,
        page < pages.pageCount ? el('a', { href: pageHref(Object.assign(slug ? { section: slug } : {}, { page: page + 1 })), text: 'Older →' }) : null,
      ]);
      show([
        el('div', { class: 'full' }, [
          slug ? breadcrumb(answer.data.breadcrumb) : null,
          el('h1', { text: section ? section.name : 'Latest news' }),
          section && section.description ? el('p', { class: 'dek', text: section.description }) : null,
          list('front', section ? 'Latest in ' + section.name : 'Latest', cards),
          pager,
        ]),
      ]);
    });
  };

  var readHistory = function () {
    try {
      var seen = JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]');
      return Array.isArray(seen) ? seen.filter(function (id) { return /^[A-Za-z0-9]{1,64}$/.test(id); }) : [];
    } catch (error) {
      return [];
    }
  };

  var remember = function (documentId) {
    var seen = readHistory().filter(function (id) { return id !== documentId; });
    localStorage.setItem(HISTORY_KEY, JSON.stringify([documentId].concat(seen).slice(0, 20)));
  };

  var reactionButton = function (article) {
    var kind = Object.keys(article.reactions)[0] || 'veryGood';
    var button = el('button', { id: 'reaction', class: 'reaction', type: 'button', 'aria-pressed': 'false' });
    var label = function (count) { button.textContent = kind + '! (' + count + ')'; };
    label(article.reactions[kind] || 0);
    button.addEventListener('click', function () {
      button.disabled = true;
      api('/articles/' + article.documentId + '/reactions', {}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: kind }) })
        .then(function (answer) {
          label(answer.data.reactions[kind]);
          button.setAttribute('aria-pressed', 'true');
        })
        .catch(function () { button.disabled = false; });
    });
    return button;
  };

  // The article's story, oldest first, the article itself marked: shown when it has others.
  var storyTimeline = function (story, current) {
    if (!story || story.size < 2) return null;
    return el('section', { id: 'story', class: 'list story' }, [
      el('h2', { text: 'Follow this story (' + story.size + ')' }),
      el('ol', {}, story.articles.map(function (card) {
        var here = card.documentId === current;
        return el('li', here ? { class: 'current', 'aria-current': 'page' } : {}, [
          el('span', { class: 'card-meta', text: date(card.publicationDate) }),
          here ? el('strong', { text: card.title }) : el('a', { href: pageHref({ article: card.slug }), text: card.title }),
        ]);
      })),
    ]);
  };

  var renderArticle = function (slug) {
    // `fill=section`: a Related box the relevance cut left short is topped up, labelled, from the section.
    return api('/articles/' + encodeURIComponent(slug) + '/page', { fill: 'section' }).then(function (answer) {
      var page = answer.data;
      var article = page.article;
      document.title = article.title + ' — The Newsroom';
      var body = el('div', { class: 'body' });
      body.appendChild(window.renderBlocks(article.body));
      var views = el('span', { id: 'views', text: article.views + (article.views === 1 ? ' view' : ' views') });
      var recommendations = list('recommendations', 'Recommended', page.recommendations);
      var sameStory = page.related.filter(function (card) { return card.sameStory; });
      var others = page.related.filter(function (card) { return !card.sameStory && !card.fallback; });
      var fallback = page.related.filter(function (card) { return card.fallback; });
      var rankings = page.rankings.map(function (ranking) {
        return list('ranking-' + ranking.slug, ranking.name, ranking.entries);
      });
      show([
        el('article', {}, [
          breadcrumb(page.breadcrumb),
          el('h1', { text: article.title }),
          el('p', { class: 'meta' }, [
            el('span', { text: [article.byline, date(article.publicationDate)].filter(Boolean).join(' · ') + ' · ' }),
            views,
          ]),
          article.dek ? el('p', { class: 'dek', text: article.dek }) : null,
          article.dateline ? el('p', { class: 'meta', text: article.dateline }) : null,
          body,
          reactionButton(article),
          sameStory.length ? list('same-story', 'Same story', sameStory) : null,
          others.length ? list('related', 'Related', others) : null,
          fallback.length ? list('more-in-section', 'Latest in ' + (article.section ? article.section.name : 'this section'), fallback) : null,
          storyTimeline(page.story, article.documentId),
        ]),
        el('aside', { id: 'ranking' }, rankings.concat([recommendations])),
      ]);
      // The view beacon: the server decides whether it counts (bots, repeats).
      fetch(API + '/articles/' + article.documentId + '/views' + withLocale({}), { method: 'POST', keepalive: true });
      var seen = readHistory().filter(function (id) { return id !== article.documentId; });
      remember(article.documentId);
      // With a reading history, recommendations close to it replace the page's default ones.
      if (seen.length) {
        api('/recommendations', { article: article.slug, seen: seen.slice(0, 20).join(',') }).then(function (more) {
          recommendations.replaceWith(list('recommendations', 'Recommended', more.data));
        }, function () {});
      }
    });
  };

  var route = function () {
    if (params.get('article')) return renderArticle(params.get('article'));
    return renderFront(params.get('section'));
  };

  renderNav().catch(function () {});
  route().catch(failed);
})();
