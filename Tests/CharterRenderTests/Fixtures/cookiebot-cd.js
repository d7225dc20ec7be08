// In the shape of Cookiebot's cookie declaration: one block per category, a header
// with the count, a description, then a table (Name, Provider, Purpose, Maximum
// Storage Duration, Type). It also sets cookies by script before any consent.
(function () {
  // Like Cookiebot, the declaration's language is the browser's (navigator.language).
  if (navigator.language.slice(0, 2) === "fr") { return french(); }
  var categories = [
    ["Necessary (2)", "Necessary cookies help make a website usable by enabling basic functions.", [
      ["CookieConsent", "Cookiebot", "Stores the user's cookie consent state for the current domain", "1 year", "HTTP Cookie"],
      ["csrftoken", "shop.example", "Protects forms against cross-site request forgery", "1 year", "HTTP Cookie"]]],
    ["Statistics (2)", "Statistic cookies help website owners understand how visitors interact with websites.", [
      ["_ga", "Google", "Registers a unique ID used to generate statistical data on how the visitor uses the website.", "1 year", "HTTP Cookie"],
      ["_ga_#", "Google", "Used by Google Analytics to collect data on the number of times a user has visited the website.", "1 year", "HTTP Cookie"]]],
    ["Marketing (1)", "Marketing cookies are used to track visitors across websites.", [
      ["IDE", "Google", "Used by Google DoubleClick to register and report the website user's actions after viewing or clicking one of the advertiser's ads.", "1 year", "HTTP Cookie"]]]
  ];
  write(categories, ['Name', 'Provider', 'Purpose', 'Maximum Storage Duration', 'Type'], "Your current state: Deny.");
})();

function french() {
  write([
    ["Nécessaires (2)", "Les cookies nécessaires contribuent à rendre un site web utilisable.", [
      ["CookieConsent", "Cookiebot", "Enregistre l'état du consentement de l'utilisateur pour le domaine actuel", "1 an", "HTTP Cookie"],
      ["csrftoken", "shop.example", "Protège les formulaires contre la falsification de requêtes", "1 an", "HTTP Cookie"]]],
    ["Statistiques (2)", "Les cookies statistiques aident les propriétaires du site à comprendre comment les visiteurs interagissent avec lui.", [
      ["_ga", "Google", "Enregistre un identifiant unique utilisé pour générer des données statistiques sur la façon dont le visiteur utilise le site.", "1 an", "HTTP Cookie"],
      ["_ga_#", "Google", "Utilisé par Google Analytics pour compter le nombre de visites d'un utilisateur.", "1 an", "HTTP Cookie"]]],
    ["Marketing (1)", "Les cookies marketing sont utilisés pour suivre les visiteurs au travers des sites web.", [
      ["IDE", "Google", "Utilisé par Google DoubleClick pour enregistrer et signaler les actions de l'utilisateur après qu'il a vu ou cliqué sur une publicité.", "1 an", "HTTP Cookie"]]]
  ], ['Nom', 'Fournisseur', 'Finalité', 'Durée de conservation maximale', 'Type'], "Votre état actuel : refus.");
}

function write(categories, headers, state) {
  var html = '<div id="CookieDeclarationUserStatusPanel">' + state + '</div>';
  categories.forEach(function (category) {
    html += '<div class="CookieDeclarationType"><div class="CookieDeclarationTypeHeader">' + category[0] + '</div>';
    html += '<div class="CookieDeclarationTypeDescription">' + category[1] + '</div>';
    html += '<table class="CookieDeclarationTable"><thead><tr>' +
      headers.map(function (h) {
        return '<th scope="col" class="CookieDeclarationTableHeader">' + h + '</th>'; }).join('') + '</tr></thead><tbody>';
    category[2].forEach(function (row) {
      html += '<tr>' + row.map(function (c) { return '<td class="CookieDeclarationTableCell">' + c + '</td>'; }).join('') + '</tr>';
    });
    html += '</tbody></table></div>';
  });
  var holder = document.createElement('div');
  holder.className = 'CookieDeclaration';
  holder.innerHTML = html;
  var script = document.getElementById('CookieDeclaration');
  script.parentNode.insertBefore(holder, script);
  // Set by script before consent: a statistics cookie for two years (the declaration
  // says one year) and one the declaration does not list.
  document.cookie = "_ga=GA1.1.1234567890.1700000000; max-age=" + (2 * 365 * 86400) + "; path=/";
  document.cookie = "_ga_ABC123=GS1.1.1700000000.1.0; max-age=" + (300 * 86400) + "; path=/";
  document.cookie = "_hjSessionUser_1=eyJpZCI6IjEifQ; max-age=" + (365 * 86400) + "; path=/";
}
