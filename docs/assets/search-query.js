/* This site's query transform for Material's search (the theme has no hook for one since 9.0):
   each query the search box sends to the search worker gets, beside the learner's own words,
   - a joined form of a one-letter prefix (k-means: kmeans, a/b: ab, u-net: unet), which topics
     list among their other names ("aka"), where the word itself would be a lone "k" or "u";
   - a typo-tolerant form (lunr's fuzzy match: one edit, two from ten letters) of each word of
     five letters or more, so that "kubernets", "tranformer" or "autoencorder" still find it.
   Queries that use lunr's own syntax (+ - ~ ^ * : and quotes) are sent as typed. */
(function () {
  // Material's lunr worker only: Zensical, which builds the export, has a search of its own.
  var generator = document.querySelector('meta[name="generator"]');
  if (!generator || !/mkdocs-material/.test(generator.content)) return;
  var QUERY = 2; // Material's SearchMessageType.QUERY
  var SYNTAX = /["+~^*:]|(^|\s)-/;

  function expand(query) {
    if (SYNTAX.test(query)) return query;
    var out = [];
    query.trim().toLowerCase().split(/\s+/).forEach(function (word) {
      if (!word) return;
      out.push(word);
      var prefixed = /^([a-z])[-/]([a-z0-9]+)$/.exec(word);
      if (prefixed) out.push(prefixed[1] + prefixed[2]);
      else if (/^[a-z]{5,}$/.test(word)) out.push(word + (word.length >= 10 ? "~2" : "~1"));
    });
    return out.join(" ");
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string")
      message = { type: QUERY, data: expand(message.data) };
    return post.apply(this, arguments.length > 1 ? [message, arguments[1]] : [message]);
  };
})();
