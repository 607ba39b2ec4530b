/* Quick Backup: keep the success message that links to a new backup on
 * screen until the user closes it or follows the link (Horizon fades success
 * messages, and their links with them, after a few seconds). */
(function () {
  'use strict';
  var autoDismissAlert = horizon.autoDismissAlert;
  horizon.autoDismissAlert = function ($alert) {
    if ($alert.find('a.quick-backup-link').length) {
      return;
    }
    return autoDismissAlert.apply(this, arguments);
  };
})();
