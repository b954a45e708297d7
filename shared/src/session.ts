/**
 * A cookie the page may read that says "a refresh cookie was set here and may still be valid". It
 * carries no secret (the refresh token itself stays httpOnly); it spares a signed-out visitor the
 * refresh call that could only fail with 401. Set and cleared together with the refresh cookie.
 */
export const SESSION_HINT_COOKIE = 'circles_session';
