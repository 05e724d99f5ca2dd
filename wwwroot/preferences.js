// Preference cookies (theme, last project), written by the interactive app. Not secret, not HttpOnly: only the
// browser's own choice, read back by the server while prerendering the next page.
window.benchDashboard = window.benchDashboard || {};
window.benchDashboard.setPreference = function (name, value) {
    document.cookie = name + "=" + encodeURIComponent(value) + "; path=/; max-age=31536000; samesite=lax";
};
