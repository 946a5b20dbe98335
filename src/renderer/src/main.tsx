import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { Root } from './Root';
import './styles/theme.css';
import './styles/layout.css';
import './styles/walls.css';

// The CSP forbids eval; keep zod from probing for it (a blocked probe logs a CSP error).
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
