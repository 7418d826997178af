'use strict';
/**
 * Renders Strapi "blocks" rich text with DOM nodes only: every text goes through textContent,
 * links and images keep only http(s) or site-relative addresses. No HTML string is ever parsed.
 */
(function () {
  var safeUrl = function (url) {
    return typeof url === 'string' && (/^https?:\/\//i.test(url) || /^\/(?!\/)/.test(url)) ? url : null;
  };

  var el = function (tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  var inline = function (child) {
    if (child.type === 'text') {
      var node = document.createTextNode(String(child.text || ''));
      var wrappers = [['code', 'code'], ['strikethrough', 's'], ['underline', 'u'], ['italic', 'em'], ['bold', 'strong']];
      wrappers.forEach(function (pair) {
        if (child[pair[0]]) {
          var wrapper = el(pair[1]);
          wrapper.appendChild(node);
          node = wrapper;
        }
      });
      return node;
    }
    if (child.type === 'link') {
      var url = safeUrl(child.url);
      var link = el(url ? 'a' : 'span');
      if (url) {
        link.href = url;
        link.rel = 'noopener nofollow';
      }
      appendChildren(link, child.children);
      return link;
    }
    if (child.type === 'list-item') {
      var item = el('li');
      appendChildren(item, child.children);
      return item;
    }
    if (child.type === 'list') return block(child);
    return document.createTextNode('');
  };

  var appendChildren = function (parent, children) {
    (Array.isArray(children) ? children : []).forEach(function (child) {
      parent.appendChild(inline(child));
    });
  };

  var block = function (node) {
    var out;
    switch (node.type) {
      case 'heading':
        out = el('h' + Math.min(6, Math.max(2, Number(node.level) + 1 || 2)));
        break;
      case 'list':
        out = el(node.format === 'ordered' ? 'ol' : 'ul');
        break;
      case 'quote':
        out = el('blockquote');
        break;
      case 'code':
        out = el('pre');
        break;
      case 'image': {
        var src = node.image && safeUrl(node.image.url);
        if (!src) return document.createTextNode('');
        out = el('img');
        out.src = src;
        out.alt = String(node.image.alternativeText || '');
        out.loading = 'lazy';
        return out;
      }
      default:
        out = el('p');
    }
    appendChildren(out, node.children);
    return out;
  };

  window.renderBlocks = function (blocks) {
    var fragment = document.createDocumentFragment();
    (Array.isArray(blocks) ? blocks : []).forEach(function (node) {
      fragment.appendChild(block(node));
    });
    return fragment;
  };
})();
