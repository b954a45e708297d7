import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { startI18n } from './i18n';
import './i18n/language';
import { useSession } from './stores/session';
import './styles.css';

void useSession.getState().bootstrap();

// The first paint waits for the reader's common catalogue (one small chunk, fetched while the session refreshes).
void startI18n().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </StrictMode>,
  ),
);
