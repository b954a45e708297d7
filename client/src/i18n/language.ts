/**
 * Choosing the language: from the header or the profile page. Signed in, the choice is saved on the
 * account (`PATCH /api/me { locale }`), so emails and server messages follow it and every device
 * opens in it; signed out, it is remembered on this device. The socket reconnects so that its
 * acknowledgements, worded at connect time, come in the new language too.
 */
import type { Locale, Me } from '@circles/shared';
import { api } from '../api/http';
import { reconnectSocket } from '../api/realtime';
import { useSession } from '../stores/session';
import { currentLocale, showLocale } from './index';

/** Switches the SPA to `locale` and, when signed in, saves it on the account. */
export async function chooseLocale(locale: Locale): Promise<void> {
  await showLocale(locale);
  const { status, user, setUser } = useSession.getState();
  if (status !== 'signedIn' || !user) return;
  const saved = await api.patch<Me>('/me', { locale });
  setUser(saved);
  reconnectSocket();
}

// Signing in on a device shows the account's language (Me.locale: the saved one, else this browser's).
useSession.subscribe((state, previous) => {
  const locale = state.user?.locale;
  if (locale && locale !== previous.user?.locale && locale !== currentLocale()) void showLocale(locale);
});
