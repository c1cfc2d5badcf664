import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createQueryClient } from './App';
import { LANGUAGE_KEY } from './components/LanguageSwitch';
import { createBackofficeI18n } from './i18n';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const language = localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'sv';
document.documentElement.lang = language;
createRoot(root).render(
  <StrictMode>
    <App i18n={createBackofficeI18n(language)} queryClient={createQueryClient()} />
  </StrictMode>,
);
