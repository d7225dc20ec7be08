// In the shape of Cookiebot's cookie declaration: one block per category, a header
// with the count, a description, then a table (Name, Provider, Purpose, Maximum
// Storage Duration, Type). It also sets cookies by script before any consent.
(function () {
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
  var html = '<div id="CookieDeclarationUserStatusPanel">Your current state: Deny.</div>';
  categories.forEach(function (category) {
    html += '<div class="CookieDeclarationType"><div class="CookieDeclarationTypeHeader">' + category[0] + '</div>';
    html += '<div class="CookieDeclarationTypeDescription">' + category[1] + '</div>';
    html += '<table class="CookieDeclarationTable"><thead><tr>' +
      ['Name', 'Provider', 'Purpose', 'Maximum Storage Duration', 'Type'].map(function (h) {
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
})();
