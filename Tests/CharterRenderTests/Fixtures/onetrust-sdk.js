// In the shape of OneTrust's cookie list (ot-sdk-cookie-policy v2): a group heading,
// its description, then a table of Cookie Subgroup, Cookies, Cookies used, Lifespan.
document.addEventListener('DOMContentLoaded', function () {
  var groups = [
    ["Strictly Necessary Cookies", "These cookies are necessary for the website to function.", [
      ["shop.example", "OptanonConsent", "First Party", "365 days"],
      ["shop.example", "sessionid", "First Party", "Session"]]],
    ["Performance Cookies", "These cookies allow us to count visits and traffic sources.", [
      ["shop.example", "_gid", "First Party", "1 day"]]],
    ["Targeting Cookies", "These cookies may be set through our site by our advertising partners.", [
      ["doubleclick.net", "test_cookie", "Third Party", "15 minutes"]]]
  ];
  var html = '<section id="ot-sdk-cookie-policy-v2" class="ot-sdk-cookie-policy">';
  groups.forEach(function (group) {
    html += '<h3 class="ot-sdk-cookie-policy-group">' + group[0] + '</h3>';
    html += '<p class="ot-sdk-cookie-policy-group-desc">' + group[1] + '</p>';
    html += '<table><caption class="ot-scrn-rdr">' + group[0] + '</caption><thead><tr>' +
      '<th scope="col" class="ot-table-header ot-host">Cookie Subgroup</th>' +
      '<th scope="col" class="ot-table-header ot-cookies">Cookies</th>' +
      '<th scope="col" class="ot-table-header ot-cookies-type">Cookies used</th>' +
      '<th scope="col" class="ot-table-header ot-life-span">Lifespan</th></tr></thead><tbody>';
    group[2].forEach(function (row) {
      html += '<tr><td class="ot-host-td">' + row[0] + '</td><td class="ot-cookies-td"><span class="ot-cookies-td-content">' + row[1] +
        '</span></td><td class="ot-cookies-type"><span class="ot-cookies-type-td-content">' + row[2] +
        '</span></td><td class="ot-life-span-td"><span class="ot-life-span-td-content">' + row[3] + '</span></td></tr>';
    });
    html += '</tbody></table>';
  });
  document.getElementById('ot-sdk-cookie-policy').innerHTML = html + '</section>';
  // A performance cookie set before consent, for far longer than the list says.
  document.cookie = "_gid=GA1.2.99.1700000000; max-age=" + (30 * 86400) + "; path=/";
});
